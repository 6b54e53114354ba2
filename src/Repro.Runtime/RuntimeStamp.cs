using System.Runtime.InteropServices;

namespace Repro;

/// <summary>The contents of <c>runtime.json</c>: the .NET runtime the program ran on, which the build cannot know.</summary>
public sealed record RuntimeStamp(string Framework, string Version, int ProcessorCount)
{
    internal static RuntimeStamp Current() =>
        new(RuntimeInformation.FrameworkDescription, Environment.Version.ToString(), Environment.ProcessorCount);
}
