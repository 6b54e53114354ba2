using System.Xml;

namespace Repro.Experiments;

/// <summary>An &lt;Experiment&gt; element as a project file writes it: the names its Include lists, and where its '&lt;' is.</summary>
/// <param name="Line">1-based.</param>
/// <param name="Column">1-based, of the '&lt;'.</param>
public sealed record ExperimentElement(IReadOnlyList<string> Names, int Line, int Column)
{
    /// <summary>Whether the Include names the experiment (names ignore case, as MSBuild's item specs do).</summary>
    public bool Declares(string experiment) => Names.Contains(experiment, StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Finds the &lt;Experiment&gt; elements of one file, in document order: the one reading of a project file that both
/// an error's location and ApplyParams use. An Include may list several names, separated by ';'.
/// </summary>
public static class ExperimentElements
{
    public const string ItemType = "Experiment";

    /// <exception cref="XmlException">The text is not XML.</exception>
    public static IReadOnlyList<ExperimentElement> Read(TextReader text)
    {
        var elements = new List<ExperimentElement>();
        using var reader = XmlReader.Create(text, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var lines = (IXmlLineInfo)reader;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == ItemType && reader.GetAttribute("Include") is { } include)
            {
                // LinePosition is the element name's; the '<' is one before it.
                elements.Add(new ExperimentElement(include.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                    lines.LineNumber, Math.Max(1, lines.LinePosition - 1)));
            }
        }

        return elements;
    }
}
