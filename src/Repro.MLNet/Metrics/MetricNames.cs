namespace Repro.MLNet;

/// <summary>Writes one metrics object's figures under one optional prefix.</summary>
internal readonly struct MetricNames
{
    private readonly ExperimentRun _run;
    private readonly string _prefix;

    private MetricNames(ExperimentRun run, string prefix)
    {
        _run = run;
        _prefix = prefix;
    }

    /// <summary>Checks the prefix before anything is logged, so a bad prefix leaves metrics.json untouched.</summary>
    /// <exception cref="ExperimentException">REPRO2006 when the prefix is empty or contains whitespace.</exception>
    public static MetricNames For(ExperimentRun run, string? prefix)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (prefix is not null && (prefix.Length == 0 || prefix.Any(char.IsWhiteSpace)))
        {
            throw new ExperimentException("REPRO2006",
                $"metric prefix '{prefix}' is empty or contains whitespace: use a word such as 'test' or 'validation', " +
                "or no prefix.");
        }

        return new MetricNames(run, prefix is null ? "" : prefix + "_");
    }

    /// <summary>Logs a figure; a NaN or infinity is the run's REPRO2004.</summary>
    public void Log(string name, double value) => _run.LogMetric(_prefix + name, value);

    /// <summary>
    /// Logs a figure unless it is NaN, which is how ML.NET says "not defined on this data" for the few figures
    /// that use it so; leaving the name out is truer than a made-up number and lets the run finish.
    /// </summary>
    public void LogIfDefined(string name, double value)
    {
        if (!double.IsNaN(value))
        {
            Log(name, value);
        }
    }
}
