namespace Repro.Profiles;

/// <summary>What an experiment says of its data file; what it leaves out is sniffed.</summary>
/// <param name="Delimiter">The experiment's DataDelimiter ("," or "\t"), or null to sniff.</param>
/// <param name="Header">The experiment's DataHeader, or null to sniff.</param>
/// <param name="LabelColumn">The experiment's LabelColumn, whose class counts the profile keeps whole.</param>
public sealed record ProfileOptions(char? Delimiter = null, bool? Header = null, string? LabelColumn = null)
{
    public static readonly ProfileOptions None = new();

    /// <summary>The options an experiment's parameters give: DataDelimiter (a character, or "tab"), DataHeader, LabelColumn.</summary>
    public static ProfileOptions From(IReadOnlyDictionary<string, string> parameters)
    {
        char? delimiter = parameters.GetValueOrDefault("DataDelimiter") switch
        {
            null or "" => null,
            "tab" or "\\t" => '\t',
            { Length: 1 } one => one[0],
            _ => null,
        };
        bool? header = parameters.GetValueOrDefault("DataHeader") is { } text && bool.TryParse(text, out var value) ? value : null;
        var label = parameters.GetValueOrDefault("LabelColumn") is { Length: > 0 } name ? name : null;
        return new ProfileOptions(delimiter, header, label);
    }
}
