using Repro.Experiments;
using Repro.Diagnostics;
using Repro.Records;
using Repro.Registry;

namespace Repro.Core.Tests;

[TestClass]
public sealed class ProjectFileEditorTests
{
    private const string Project = """
        <Project Sdk="Repro.Sdk/0.1.0">
          <!-- the forest: keep this comment -->
          <ItemGroup>
            <Experiment Include="other" Seed="1" Trees="3" />
            <Experiment Include="forest" Seed='7' TestSize="0.3"
                        Data="data/iris.csv" Trees="10"
                        Extra="x" />
            <Experiment Include="child" Seed="1">
              <Trees>5</Trees>
            </Experiment>
          </ItemGroup>
        </Project>

        """;

    [TestMethod]
    public void OnlyTheValuesThatDifferChangeAndEverythingElseStaysAsWritten()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Demo.csproj", Project);

        var changes = ProjectFileEditor.Apply(path, Record("forest", 42, 0.2, ("Trees", "100"), ("MaxDepth", "5")), ["data/iris.csv"]);

        Assert.AreEqual(Project
            .Replace("Seed='7' TestSize=\"0.3\"", "Seed='42' TestSize=\"0.2\"")
            .Replace("Trees=\"10\"\n", "Trees=\"100\"\n")
            .Replace("\n                Extra=\"x\" />", " MaxDepth=\"5\" />"), File.ReadAllText(path));
        CollectionAssert.AreEquivalent(
            new[] { "Extra: x → ", "MaxDepth:  → 5", "Seed: 7 → 42", "TestSize: 0.3 → 0.2", "Trees: 10 → 100" },
            changes.Select(c => $"{c.Name}: {c.Before} → {c.After}").ToArray());
    }

    [TestMethod]
    public void MetadataWrittenAsChildElementsIsEditedInPlace()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Demo.csproj", Project);
        ProjectFileEditor.Apply(path, Record("child", 1, null, ("Trees", "50")), []);
        StringAssert.Contains(File.ReadAllText(path), "      <Trees>50</Trees>\n");
    }

    [TestMethod]
    public void ApplyingTheSameRunTwiceChangesNothing()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Demo.csproj", Project);
        var record = Record("forest", 42, 0.2, ("Trees", "100"));
        ProjectFileEditor.Apply(path, record, ["data/iris.csv"]);
        var once = File.ReadAllText(path);
        Assert.IsEmpty(ProjectFileEditor.Apply(path, record, ["data/iris.csv"]));
        Assert.AreEqual(once, File.ReadAllText(path));
    }

    [TestMethod]
    public void ValuesAreEscaped()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Demo.csproj", Project);
        ProjectFileEditor.Apply(path, Record("other", 1, null, ("Trees", "3"), ("Note", "a \"b\" & <c>")), []);
        StringAssert.Contains(File.ReadAllText(path), "Note=\"a &quot;b&quot; &amp; &lt;c&gt;\"");
    }

    [TestMethod]
    public void AnExperimentTheFileDoesNotHaveIsACodedError()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Demo.csproj", Project);
        var error = Assert.ThrowsExactly<ReproException>(() => ProjectFileEditor.Apply(path, Record("wine", 1, null), []));
        Assert.AreEqual("REPRO0046", error.Code);
        Assert.AreEqual(Project, File.ReadAllText(path));
    }

    [TestMethod]
    public void AnItemThatDeclaresSeveralExperimentsIsNotEditedForOne()
    {
        using var folder = new TempFolder();
        var shared = Project.Replace("Include=\"other\"", "Include=\"other; Wine\"");
        var path = folder.Write("Demo.csproj", shared);
        var error = Assert.ThrowsExactly<ReproException>(() => ProjectFileEditor.Apply(path, Record("wine", 1, null), []));
        Assert.AreEqual("REPRO0046", error.Code);
        StringAssert.Contains(error.Message, "<Experiment Include=\"other;Wine\"> with others");
        Assert.AreEqual(shared, File.ReadAllText(path));
        Assert.AreEqual(new ItemLocation(path, 4, 5), ItemLocation.Find(path, "wine"), "the error location and ApplyParams read the file alike");
    }

    private static RunRecord Record(string experiment, long seed, double? testSize, params (string Name, string Value)[] parameters) =>
        TestRecords.Completed(experiment) with { Seed = seed, TestSize = testSize, Params = TestRecords.Params(parameters) };
}
