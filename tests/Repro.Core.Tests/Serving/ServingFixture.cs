using Repro.Core.Tests.Remotes;
using Repro.Records;
using Repro.Registry;
using Repro.Verbs;

namespace Repro.Core.Tests.Serving;

/// <summary>An experiment project with runs registered as versions of "iris", for what applications resolve.</summary>
public abstract class ServingFixture : StoreFixture
{
    private protected ProjectSettings Project => new(Path.Combine(Folder.Path, "Iris.csproj"));

    /// <summary>A completed run whose model.bin holds <paramref name="model"/>, registered as the next version of iris.</summary>
    private protected (RunRecord Run, ModelVersion Version) Registered(int minute, string model, Func<RunRecord, RunRecord>? change = null)
    {
        var run = RunTransferTests.WriteRun(Store, minute, model);
        if (change is not null)
        {
            run = change(run);
            Rewrite(run);
        }

        return (run, Registration.Register(Store, Registry, run.RunId, "iris", allowDirty: true, Folder.Path));
    }

    /// <summary>Writes the run's record anew, as an edit of its folder would.</summary>
    private protected void Rewrite(RunRecord run)
    {
        var path = Path.Combine(Store.Folder(run.RunId), RunFiles.Run);
        File.Delete(path);
        RecordJson.WriteRecord(path, run);
    }

    private protected void Promote(int version, string alias = "production") =>
        Registration.Promote(Registry, new ModelReference("iris", version.ToString(System.Globalization.CultureInfo.InvariantCulture)), alias);

    private protected static ModelReference Ref(string text) => ModelReference.TryParse(text)!;
}
