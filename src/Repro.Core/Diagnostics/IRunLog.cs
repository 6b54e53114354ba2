namespace Repro.Diagnostics;

/// <summary>Where Repro's logic reports to; the MSBuild tasks forward it to the build log.</summary>
public interface IRunLog
{
    /// <summary>Progress and summaries a user watches for: shown at the default verbosity.</summary>
    void Progress(string message);

    /// <summary>Detail for a detailed log, such as the program's own output.</summary>
    void Detail(string message);

    void Warning(string code, string message);

    void Error(string code, string message);
}
