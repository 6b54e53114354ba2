using Repro.Registry;
using Repro.Views;

namespace Repro.Core.Tests.Serving;

/// <summary>An alias's moves are appended with who moved it and from where, and read as a line and as a history.</summary>
[TestClass]
public sealed class AliasHistoryTests : ServingFixture
{
    [TestMethod]
    public void EveryMoveIsKeptWithWhoAndFromWhichVersion()
    {
        Registered(1, "one");
        Registered(2, "two");
        Registry.Promote("iris", 1, "production", DateTimeOffset.Parse("2026-11-20T09:00:00Z"), "Ada <ada@example.com>");
        Registry.Promote("iris", 2, "production", DateTimeOffset.Parse("2026-11-24T10:15:00Z"), "Grace");
        var alias = Registry.Promote("iris", 1, "production", DateTimeOffset.Parse("2026-11-25T08:00:00Z"), "Ada <ada@example.com>");

        CollectionAssert.AreEqual(new int?[] { null, 1, 2 }, alias.History.Select(m => m.From).ToArray());
        Assert.AreEqual("production: v1 since 2026-11-25 by Ada <ada@example.com> (was v2)", AliasText.Line(alias));
        CollectionAssert.AreEqual(new[]
        {
            "2026-11-20 09:00 UTC  v1  by Ada <ada@example.com>",
            "2026-11-24 10:15 UTC  v1 → v2  by Grace",
            "2026-11-25 08:00 UTC  v2 → v1  by Ada <ada@example.com>",
        }, AliasText.History(alias).ToArray());
    }

    [TestMethod]
    public void MovesRecordedBeforeWhoAndFromWereKeptStillRead()
    {
        Registered(1, "one");
        Registered(2, "two");
        var path = Path.Combine(Registry.Directory, "iris", "aliases", "production.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, """
            {
              "model": "iris",
              "alias": "production",
              "version": 2,
              "history": [
                { "version": 1, "at": "2026-11-20T09:00:00+00:00" },
                { "version": 2, "at": "2026-11-24T10:15:00+00:00" }
              ]
            }
            """);

        var alias = Registry.Promote("iris", 1, "production", DateTimeOffset.Parse("2026-11-25T08:00:00Z"), "Ada");

        Assert.AreEqual(3, alias.History.Count, "the history is appended to, never rewritten");
        Assert.AreEqual("2026-11-24 10:15 UTC  v1 → v2", AliasText.History(alias).ElementAt(1));
        Assert.AreEqual("production: v1 since 2026-11-25 by Ada (was v2)", AliasText.Line(alias));
        StringAssert.Contains(File.ReadAllText(path), "\"from\": 2");
    }

    [TestMethod]
    public void PromoteRecordsTheGitUserOfTheRepository()
    {
        Registered(1, "one");
        Git("init", "-q");
        Git("config", "user.name", "Ada Lovelace");
        Git("config", "user.email", "ada@example.com");

        var alias = Registration.Promote(Registry, Ref("iris@1"), "production");

        Assert.AreEqual("Ada Lovelace <ada@example.com>", alias.History.Single().By);
        Assert.AreEqual("Ada Lovelace <ada@example.com>", Registration.Register(Store, Registry, Registry.Versions("iris")[0].RunId, "iris", false, Folder.Path).RegisteredBy);
    }

    private void Git(params string[] arguments) =>
        Assert.AreEqual(0, Repro.Processes.ChildProcess.Run("git", arguments, Folder.Path, TimeSpan.FromSeconds(30)).ExitCode);
}
