using System.Text.RegularExpressions;
using System.Xml.Linq;
using Repro.Verbs;

namespace Repro.Core.Tests;

/// <summary>
/// One table names the verbs (Verbs/VerbTable.cs): the SDK's targets define exactly those, each behind the one hook
/// every verb runs first, and docs/reference.md shows the table as it is. REPRO_WRITE_DOCS=1 rewrites the doc's table.
/// </summary>
[TestClass]
public sealed partial class VerbTableTests
{
    private const string Begin = "<!-- verbs: generated from src/Repro.Core/Verbs/VerbTable.cs; VerbTableTests keeps it so -->";
    private const string End = "<!-- end of verbs -->";
    private static readonly string Root = RepositoryRoot();

    [TestMethod]
    public void TheTargetsDefineEveryVerbOfTheTableAndNoOtherBehindTheOneHook()
    {
        var targets = XDocument.Load(Path.Combine(Root, "src", "Repro.Sdk", "Sdk", "Sdk.targets")).Root!.Elements("Target")
            .ToDictionary(t => (string)t.Attribute("Name")!, t => (string?)t.Attribute("DependsOnTargets") ?? "");
        var properties = XDocument.Load(Path.Combine(Root, "src", "Repro.Sdk", "Sdk", "Sdk.targets")).Root!.Elements("PropertyGroup").Elements()
            .ToLookup(p => p.Name.LocalName, p => p.Value);
        var sdk = VerbTable.All.Where(v => v.Package == "Repro.Sdk").ToArray();
        CollectionAssert.AreEquivalent(sdk.Select(v => v.Name).ToArray(), targets.Keys.Where(name => !name.StartsWith('_')).ToArray(),
            "a public target is a verb of the table, and every verb has its target");
        var models = XDocument.Load(Path.Combine(Root, "src", "Repro.Models", "build", "Repro.Models.targets")).Root!.Elements("Target")
            .Select(t => (string)t.Attribute("Name")!).Where(name => !name.StartsWith('_') && name != "ReproResolveModels").ToArray();
        CollectionAssert.AreEquivalent(VerbTable.All.Where(v => v.Package == "Repro.Models").Select(v => v.Name).ToArray(), models,
            "Repro.Models's verbs are the table's too (ReproResolveModels runs in every build, as no verb)");
        foreach (var verb in sdk)
        {
            var dependsOn = targets[verb.Name];
            var expanded = PropertyReference().Replace(dependsOn, m => properties[m.Groups[1].Value].LastOrDefault() ?? m.Value);
            StringAssert.StartsWith(expanded, "$(ReproVerbDependsOn)", $"{verb.Name} runs the verbs' hook first");
            Assert.AreEqual(verb.Builds, expanded.Contains("Build", StringComparison.Ordinal), $"{verb.Name} builds the program exactly when the table says");
        }
    }

    [TestMethod]
    public void TheReferenceShowsTheTableAsItIs()
    {
        var path = Path.Combine(Root, "docs", "reference.md");
        var text = File.ReadAllText(path);
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        Assert.IsTrue(start >= 0 && end > start, $"docs/reference.md holds the verb table between '{Begin}' and '{End}'");
        var table = "\n" + VerbTable.Markdown();
        var shown = text[(start + Begin.Length)..end];
        if (shown != table && Environment.GetEnvironmentVariable("REPRO_WRITE_DOCS") == "1")
        {
            File.WriteAllText(path, text[..(start + Begin.Length)] + table + text[end..]);
            return;
        }

        Assert.AreEqual(table, shown, "docs/reference.md's verb table is not the table's: run the tests with REPRO_WRITE_DOCS=1 to write it");
    }

    [GeneratedRegex(@"\$\((TrainDependsOn|ReproduceDependsOn|ExplainDependsOn)\)")]
    private static partial Regex PropertyReference();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Repro.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Repro.sln not found");
    }
}
