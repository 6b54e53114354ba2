using System.Xml;

namespace Repro.Experiments;

/// <summary>Where an item is declared: the file (the project or an import), and the 1-based line and column of its '&lt;'.</summary>
public sealed record ItemLocation(string File, int Line, int Column)
{
    /// <summary>
    /// The &lt;Experiment&gt; element that declares <paramref name="experiment"/> in <paramref name="file"/>; the n-th such
    /// element when one file declares the name more than once. Null when the file cannot be read or holds no such
    /// element: then the error points at the file alone.
    /// </summary>
    public static ItemLocation? Find(string file, string experiment, int occurrence = 0)
    {
        try
        {
            using var text = new StreamReader(file);
            var element = ExperimentElements.Read(text).Where(e => e.Declares(experiment)).Skip(occurrence).FirstOrDefault();
            return element is null ? null : new ItemLocation(file, element.Line, element.Column);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmlException)
        {
            // A location is a courtesy: without one the error still names the file.
            return null;
        }
    }
}
