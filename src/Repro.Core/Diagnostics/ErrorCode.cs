namespace Repro.Diagnostics;

/// <summary>One code per distinct failure; docs/errors.md explains each.</summary>
public static class ErrorCode
{
    public const string NoExperiments = "REPRO0001";
    public const string UnknownExperiment = "REPRO0002";
    public const string BadSeed = "REPRO0003";
    public const string BadTestSize = "REPRO0004";
    public const string MissingData = "REPRO0005";
    public const string ProgramFailed = "REPRO0006";
    public const string NoMetrics = "REPRO0007";
    public const string BadMetrics = "REPRO0008";
    public const string RunStoreUnwritable = "REPRO0009";
    public const string BadParamsOverride = "REPRO0010";
    public const string DuplicateExperiment = "REPRO0011";
    public const string ProgramNotFound = "REPRO0012";
    public const string BadProcessorCount = "REPRO0013";
    public const string ProgramFileMissing = "REPRO0014";
    public const string BadDepsFile = "REPRO0015";
    public const string Cancelled = "REPRO0016";

    public const string BadRunId = "REPRO0020";
    public const string UnknownRun = "REPRO0021";
    public const string DamagedRecord = "REPRO0022";
    public const string FailedRunNotReproducible = "REPRO0023";
    public const string Diverged = "REPRO0024";
    public const string ModelDiffers = "REPRO0025";
    public const string CommitNotReproducible = "REPRO0026";
    public const string BuildAtCommitFailed = "REPRO0027";
    public const string BadTolerance = "REPRO0028";
    public const string BadReproduceAt = "REPRO0029";
    public const string StrictGitState = "REPRO0030";
    public const string StrictNoLockFile = "REPRO0031";
    public const string SourcePatchDoesNotApply = "REPRO0032";
    public const string DamagedSourcePatch = "REPRO0033";
    public const string BadMaxPatchBytes = "REPRO0034";

    public const string UnreadableFile = "REPRO0035";

    public const string BadModelName = "REPRO0040";
    public const string BadAlias = "REPRO0041";
    public const string UnknownModel = "REPRO0042";
    public const string UnknownVersion = "REPRO0043";
    public const string NotRegistrable = "REPRO0044";
    public const string DamagedRegistry = "REPRO0045";
    public const string ExperimentNotInProject = "REPRO0046";
    public const string BadLast = "REPRO0048";

    public const string NoComparisonSide = "REPRO0050";
    public const string BadComparisonReference = "REPRO0051";
    public const string NothingToCompare = "REPRO0052";
    public const string BadMaxRegression = "REPRO0053";
    public const string Regressed = "REPRO0054";
    public const string GatedMetricMissing = "REPRO0055";

    public const string BadSeeds = "REPRO0060";
    public const string SeedAndSeeds = "REPRO0061";
    public const string BadSweep = "REPRO0062";
    public const string BadSweepGoal = "REPRO0063";
    public const string BadMaxParallelRuns = "REPRO0064";

    public const string GroupNotReproduced = "REPRO0070";
    public const string GroupNotARun = "REPRO0071";
    public const string BadMember = "REPRO0072";

    public const string BadRemote = "REPRO0080";
    public const string RemoteUnavailable = "REPRO0081";
    public const string RemoteContentMismatch = "REPRO0082";
    public const string ArtifactsNotLocal = "REPRO0083";
    public const string NotOnRemote = "REPRO0084";
    public const string RemoteCredentials = "REPRO0085";
    public const string BadShard = "REPRO0086";

    public const string BadModelReference = "REPRO0090";
    public const string NoModelFile = "REPRO0091";
    public const string NotServable = "REPRO0092";
    public const string ModelLockMismatch = "REPRO0093";
    public const string ModelFileChanged = "REPRO0094";
    public const string ModelNotInOutput = "REPRO0095";
    public const string ReportUnwritable = "REPRO0096";
    public const string ExplainNeedsTwoRuns = "REPRO0097";
    public const string ExplainCannotRerun = "REPRO0098";
    public const string StoreDamaged = "REPRO0099";
    public const string NoProject = "REPRO0100";

    public const string NoLockFile = "REPRO1001";
    public const string GitStateUnknown = "REPRO1002";
    public const string HashCacheCorrupt = "REPRO1003";
    public const string SweepMetricMissing = "REPRO1004";
    public const string InterruptedRun = "REPRO1005";
    public const string SourcePatchNotKept = "REPRO1006";
    public const string MLNetWithoutReproMLNet = "REPRO1007";
    public const string LegacyModelVersion = "REPRO1008";
}
