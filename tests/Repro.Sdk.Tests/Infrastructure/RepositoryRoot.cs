namespace Repro.Sdk.Tests.Infrastructure;

internal static class RepositoryRoot
{
    /// <summary>The folder holding Repro.sln, found upwards from the test assembly.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Repro.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Repro.sln not found above " + AppContext.BaseDirectory);
    }
}
