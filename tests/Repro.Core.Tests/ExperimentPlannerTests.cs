using Repro.Diagnostics;
using Repro.Experiments;

namespace Repro.Core.Tests;

[TestClass]
public sealed class ExperimentPlannerTests
{
    private TempFolder _project = null!;

    [TestInitialize]
    public void CreateProject()
    {
        _project = new TempFolder();
        _project.Write("data/iris.csv", "a,b\n1,2\n");
        _project.Write("data/folder/part.csv", "a\n1\n");
    }

    [TestCleanup]
    public void DeleteProject() => _project.Dispose();

    [TestMethod]
    public void AppliesOverridesAndRecordsThem()
    {
        var experiments = new[] { Spec("forest", ("Seed", "42"), ("TestSize", "0.2"), ("Data", "data/iris.csv"), ("Trees", "100"), ("MaxDepth", "5")) };
        var (plans, errors) = ExperimentPlanner.Plan(experiments, new(null, "7", null, "MaxDepth=3 Extra=x"), _project.Path);

        Assert.IsEmpty(errors);
        var plan = plans.Single();
        Assert.AreEqual(7L, plan.Seed);
        Assert.AreEqual(0.2, plan.TestSize);
        CollectionAssert.AreEqual(new[] { "data/iris.csv" }, plan.Data.ToArray());
        Assert.AreEqual("3", plan.Params["MaxDepth"]);
        Assert.AreEqual("100", plan.Params["Trees"]);
        Assert.IsFalse(plan.Params.ContainsKey("Seed"), "well-known metadata is not a parameter");
        CollectionAssert.AreEqual(
            new[] { new Override("Seed", "42", "7"), new Override("Extra", null, "x"), new Override("MaxDepth", "5", "3") },
            plan.Overrides.ToArray());
    }

    [TestMethod]
    public void SelectsExperimentsByName()
    {
        var experiments = new[] { Spec("a", ("Seed", "1")), Spec("b", ("Seed", "2")), Spec("c", ("Seed", "3")) };
        var (plans, errors) = ExperimentPlanner.Plan(experiments, new("c a", null, null, null), _project.Path);
        Assert.IsEmpty(errors);
        CollectionAssert.AreEqual(new[] { "a", "c" }, plans.Select(p => p.Experiment).ToArray());
    }

    [TestMethod]
    public void AFolderIsValidData()
    {
        var (plans, errors) = ExperimentPlanner.Plan([Spec("a", ("Seed", "1"), ("Data", "data/folder; data/iris.csv"))], CommandLineOverrides.None, _project.Path);
        Assert.IsEmpty(errors);
        CollectionAssert.AreEqual(new[] { "data/folder", "data/iris.csv" }, plans[0].Data.ToArray());
    }

    [TestMethod]
    public void NoExperimentsIsAnError() =>
        AssertOnlyError(ErrorCode.NoExperiments, [], CommandLineOverrides.None);

    [TestMethod]
    public void UnknownSelectionNamesTheKnownExperiments()
    {
        var message = AssertOnlyError(ErrorCode.UnknownExperiment, [Spec("forest", ("Seed", "1"))], new("tree", null, null, null));
        StringAssert.Contains(message, "forest");
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("forty-two")]
    [DataRow("-1")]
    [DataRow("1.5")]
    public void SeedMustBeAWholeNumber(string? seed)
    {
        var metadata = seed is null ? Array.Empty<(string, string)>() : [("Seed", seed)];
        AssertOnlyError(ErrorCode.BadSeed, [Spec("a", metadata)], CommandLineOverrides.None);
    }

    [TestMethod]
    public void SeedOverrideIsCheckedToo() =>
        AssertOnlyError(ErrorCode.BadSeed, [Spec("a", ("Seed", "1"))], new(null, "x", null, null));

    [TestMethod]
    [DataRow("0")]
    [DataRow("1")]
    [DataRow("1.5")]
    [DataRow("-0.2")]
    [DataRow("a fifth")]
    public void TestSizeMustBeBetweenZeroAndOne(string testSize) =>
        AssertOnlyError(ErrorCode.BadTestSize, [Spec("a", ("Seed", "1"), ("TestSize", testSize))], CommandLineOverrides.None);

    [TestMethod]
    public void MissingDataNamesThePath()
    {
        var message = AssertOnlyError(ErrorCode.MissingData, [Spec("a", ("Seed", "1"), ("Data", "data/nope.csv"))], CommandLineOverrides.None);
        StringAssert.Contains(message, "data/nope.csv");
    }

    [TestMethod]
    public void DuplicateNamesAreAnError() =>
        AssertOnlyError(ErrorCode.DuplicateExperiment, [Spec("a", ("Seed", "1")), Spec("A", ("Seed", "2"))], CommandLineOverrides.None);

    [TestMethod]
    public void EveryProblemIsReportedAtOnce()
    {
        var (plans, errors) = ExperimentPlanner.Plan(
            [Spec("a"), Spec("b", ("Seed", "1"), ("TestSize", "2"))], CommandLineOverrides.None, _project.Path);
        Assert.IsEmpty(plans);
        CollectionAssert.AreEqual(new[] { ErrorCode.BadSeed, ErrorCode.BadTestSize }, errors.Select(e => e.Code).ToArray());
    }

    [TestMethod]
    public void AnErrorAboutAnItemKnowsWhichItemAndOneAboutTheCommandLineDoesNot()
    {
        var (_, errors) = ExperimentPlanner.Plan(
            [Spec("a", ("Seed", "1")), Spec("b", ("Seed", "x")), Spec("A", ("Seed", "2"))], new CommandLineOverrides("nope", null, null, null), _project.Path);
        var byCode = errors.ToDictionary(e => e.Code, e => e.ExperimentIndex);
        Assert.AreEqual(2, byCode[ErrorCode.DuplicateExperiment], "the second declaration of a name is the duplicate");
        Assert.IsNull(byCode[ErrorCode.UnknownExperiment], "-p:Experiment is the command line's, not an item's");

        (_, errors) = ExperimentPlanner.Plan([Spec("a", ("Seed", "1")), Spec("b", ("Seed", "x"))], CommandLineOverrides.None, _project.Path);
        Assert.AreEqual(1, errors.Single(e => e.Code == ErrorCode.BadSeed).ExperimentIndex);
    }

    [TestMethod]
    public void AnItemIsFoundAtTheLineAndColumnOfItsElement()
    {
        var file = _project.Write("items.props", """
            <Project>
              <ItemGroup>
                <Experiment Include="a" Seed="1" />
                  <Experiment Include="x;B" Seed="x" />
                <Experiment Include="b" Seed="2" />
              </ItemGroup>
            </Project>
            """);
        Assert.AreEqual(new ItemLocation(file, 3, 5), ItemLocation.Find(file, "a"));
        Assert.AreEqual(new ItemLocation(file, 4, 7), ItemLocation.Find(file, "b"), "names ignore case; an Include may list several");
        Assert.AreEqual(new ItemLocation(file, 5, 5), ItemLocation.Find(file, "b", occurrence: 1));
        Assert.IsNull(ItemLocation.Find(file, "c"));
        Assert.IsNull(ItemLocation.Find(Path.Combine(_project.Path, "missing.props"), "a"));
    }

    private string AssertOnlyError(string code, ExperimentSpec[] experiments, CommandLineOverrides overrides)
    {
        var (plans, errors) = ExperimentPlanner.Plan(experiments, overrides, _project.Path);
        Assert.IsEmpty(plans);
        Assert.AreEqual(code, errors.Single().Code, errors.Single().Message);
        return errors.Single().Message;
    }

    private static ExperimentSpec Spec(string name, params (string Name, string Value)[] metadata) =>
        new(name, metadata.ToDictionary(m => m.Name, m => m.Value, StringComparer.OrdinalIgnoreCase));
}
