using System.Xml;

namespace Repro.Experiments;

/// <summary>Where an item is declared: the file (the project or an import), and the 1-based line and column of its '&lt;'.</summary>
public sealed record ItemLocation(string File, int Line, int Column)
{
    /// <summary>
    /// The element of <paramref name="itemType"/> whose Include names <paramref name="include"/> (names ignore case; an
    /// Include may list several, separated by ';'), in <paramref name="file"/>; the n-th such element when one file
    /// declares the name more than once. Null when the file cannot be read or holds no such element: then the error
    /// points at the file alone, as before.
    /// </summary>
    public static ItemLocation? Find(string file, string itemType, string include, int occurrence = 0)
    {
        try
        {
            using var reader = XmlReader.Create(file, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            var lines = (IXmlLineInfo)reader;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == itemType && Names(reader.GetAttribute("Include"), include)
                    && occurrence-- == 0)
                {
                    // LinePosition is the element name's; the '<' is one before it.
                    return new ItemLocation(file, lines.LineNumber, Math.Max(1, lines.LinePosition - 1));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmlException)
        {
            // A location is a courtesy: without one the error still names the file.
        }

        return null;
    }

    private static bool Names(string? includeAttribute, string name) =>
        includeAttribute is not null && includeAttribute.Split(';', StringSplitOptions.TrimEntries).Contains(name, StringComparer.OrdinalIgnoreCase);
}
