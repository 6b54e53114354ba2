using System.Globalization;

namespace Repro.Learn.Tests;

[TestClass]
public sealed class LogisticRegressionTests
{
    [TestMethod]
    [DataRow("iris")]
    [DataRow("wine")]
    [DataRow("breast_cancer")]
    public void ReachesScikitLearnsObjectiveAndAccuracyOnTheSameRows(string name)
    {
        var (reference, split) = TestFiles.ReferenceSplit(name);
        var expected = reference.LogisticRegression;
        var learner = new LogisticRegression { C = expected.C, Standardize = expected.Standardize, Tolerance = 1e-8, MaxIterations = 10000 };

        var model = learner.Fit(split.Train);
        var accuracy = Metrics.Accuracy(split.Test.Labels, model.Predict(split.Test));

        Assert.IsTrue(model.Converged, model.Warning);
        Assert.AreEqual(expected.Objective, model.Fit.Objective, 1e-6 * expected.Objective, $"{name} objective");
        Assert.AreEqual(expected.Accuracy, accuracy, 1e-12, $"{name} accuracy");
    }

    [TestMethod]
    public void ReportsHittingTheIterationCapAsAWarning()
    {
        var (_, split) = TestFiles.ReferenceSplit("iris");

        var model = new LogisticRegression { MaxIterations = 3 }.Fit(split.Train);

        Assert.IsFalse(model.Converged);
        Assert.AreEqual(3, model.Fit.Iterations);
        Assert.IsGreaterThan(1e-4, model.Fit.MaxGradient, "the gradient is above the default tolerance");
        // The warning names the cap, the gradient the fit ended at and the tolerance it missed, and what to change.
        var expected = string.Create(CultureInfo.InvariantCulture,
            $"Logistic regression did not converge: L-BFGS stopped after 3 iterations (cap 3) with the largest gradient component at {model.Fit.MaxGradient:G4}, above the tolerance 0.0001. Increase MaxIterations, set Standardize, or loosen Tolerance.");
        Assert.AreEqual(expected, model.Warning);

        var loaded = (LogisticRegressionModel)ModelFile.Load(new MemoryStream(SyntheticData.Bytes(model)));
        Assert.IsFalse(loaded.Converged, "a saved model keeps that it did not converge");
        Assert.AreEqual(expected, loaded.Warning);
    }

    [TestMethod]
    [DataRow("iris", true)]
    [DataRow("wine", true)]
    [DataRow("breast_cancer", true)]
    public void AFitThatConvergesCarriesNoWarning(string name, bool standardize)
    {
        var (_, split) = TestFiles.ReferenceSplit(name);

        var model = new LogisticRegression { Standardize = standardize, MaxIterations = 1000 }.Fit(split.Train);

        Assert.IsTrue(model.Converged, model.Warning);
        Assert.IsLessThanOrEqualTo(1e-4, model.Fit.MaxGradient, "converged means the gradient reached the tolerance");
        Assert.IsLessThan(1000, model.Fit.Iterations, "it stopped before the cap");
        Assert.IsNull(model.Warning);
        var loaded = (LogisticRegressionModel)ModelFile.Load(new MemoryStream(SyntheticData.Bytes(model)));
        Assert.IsTrue(loaded.Converged);
        Assert.IsNull(loaded.Warning, "a saved model without a warning loads without one");
    }

    [TestMethod]
    public void AToleranceTheFitCannotReachIsReportedEvenBelowTheCap()
    {
        var (_, split) = TestFiles.ReferenceSplit("iris");

        // 1e-300 is below what double arithmetic can reach: the fit ends, converged or not, with its gradient above it.
        var model = new LogisticRegression { Tolerance = 1e-300, MaxIterations = 10000 }.Fit(split.Train);

        Assert.IsFalse(model.Converged);
        Assert.IsGreaterThan(1e-300, model.Fit.MaxGradient);
        Assert.IsNotNull(model.Warning);
        StringAssert.StartsWith(model.Warning, "Logistic regression did not converge: ");
        StringAssert.Contains(model.Warning, "above the tolerance 1E-300");
    }

    [TestMethod]
    [DataRow("iris", false, 100)]
    [DataRow("iris", true, 100)]
    [DataRow("iris", false, 3)]
    [DataRow("wine", true, 100)]
    [DataRow("breast_cancer", true, 100)]
    public void KeepsTheLossAtEveryIterateFromTheStartToTheFit(string name, bool standardize, int maxIterations)
    {
        var (_, split) = TestFiles.ReferenceSplit(name);

        var model = new LogisticRegression { Standardize = standardize, MaxIterations = maxIterations }.Fit(split.Train);
        var losses = model.LossHistory;

        Assert.AreEqual(model.Fit.Iterations + 1, losses.Count);
        // Every coefficient starts at 0: each row's loss is log(classes).
        Assert.AreEqual(split.Train.Rows * Math.Log(split.Train.Classes.Count), losses[0], 1e-9 * losses[0]);
        Assert.AreEqual(model.Fit.Objective, losses[^1]);
        for (var i = 1; i < losses.Count; i++)
        {
            Assert.IsTrue(losses[i] <= losses[i - 1], $"the loss rose at iteration {i}: {losses[i - 1]} to {losses[i]}");
        }
    }

    [TestMethod]
    public void TheLossHistoryIsNotSavedWithTheModel()
    {
        var (_, split) = TestFiles.ReferenceSplit("iris");
        var model = new LogisticRegression().Fit(split.Train);

        var loaded = (LogisticRegressionModel)ModelFile.Load(new MemoryStream(SyntheticData.Bytes(model)));

        Assert.IsTrue(model.LossHistory.Count > 1);
        Assert.AreEqual(0, loaded.LossHistory.Count);
    }

    [TestMethod]
    public void SavedBytesDoNotDependOnTheCurrentCulture()
    {
        var (_, split) = TestFiles.ReferenceSplit("iris");
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            var invariant = SyntheticData.Bytes(new LogisticRegression { MaxIterations = 3 }.Fit(split.Train));
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var german = SyntheticData.Bytes(new LogisticRegression { MaxIterations = 3 }.Fit(split.Train));

            CollectionAssert.AreEqual(invariant, german);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [TestMethod]
    public void SameDataGivesIdenticalBytesOnOneOrManyThreads()
    {
        var data = SyntheticData.Make(rows: 9000, features: 6, classes: 3, seed: 5);

        var one = SyntheticData.Bytes(new LogisticRegression { MaxDegreeOfParallelism = 1 }.Fit(data));
        var many = SyntheticData.Bytes(new LogisticRegression { MaxDegreeOfParallelism = 8 }.Fit(data));
        var again = SyntheticData.Bytes(new LogisticRegression().Fit(data));

        CollectionAssert.AreEqual(one, many);
        CollectionAssert.AreEqual(one, again);
    }

    [TestMethod]
    public void StandardisingMakesPredictionsInTheOriginalUnits()
    {
        var (_, split) = TestFiles.ReferenceSplit("wine");

        var model = new LogisticRegression { Standardize = true }.Fit(split.Train);
        var probabilities = model.PredictProbabilities(split.Test);

        Assert.IsTrue(Metrics.Accuracy(split.Test.Labels, model.Predict(split.Test)) > 0.9);
        for (var i = 0; i < split.Test.Rows; i++)
        {
            Assert.AreEqual(1.0, probabilities[(i * 3)..((i * 3) + 3)].Sum(), 1e-12);
        }
    }

    [TestMethod]
    [DataRow(0.0, 100, 1e-4)]
    [DataRow(-1.0, 100, 1e-4)]
    [DataRow(1.0, 0, 1e-4)]
    [DataRow(1.0, 100, 0.0)]
    public void RejectsOptionsOutOfRange(double c, int maxIterations, double tolerance)
    {
        var (_, split) = TestFiles.ReferenceSplit("iris");
        var learner = new LogisticRegression { C = c, MaxIterations = maxIterations, Tolerance = tolerance };

        Assert.AreEqual(ErrorCodes.InvalidOption, Assert.ThrowsExactly<InvalidOptionException>(() => learner.Fit(split.Train)).Code);
    }
}
