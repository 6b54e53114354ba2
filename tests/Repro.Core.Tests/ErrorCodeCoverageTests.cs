using System.Reflection;
using System.Text.RegularExpressions;
using Repro.Diagnostics;

namespace Repro.Core.Tests;

/// <summary>
/// docs/errors.md, ErrorCode.cs and the tests keep their word: every documented code is a constant and every constant
/// documented, and every documented code is asserted by some test, through a verb or at Core level.
/// </summary>
[TestClass]
public sealed partial class ErrorCodeCoverageTests
{
    private static readonly string Root = RepositoryRoot();

    [TestMethod]
    public void EveryConstantIsDocumentedAndEveryDocumentedBuildCodeIsAConstant()
    {
        // REPRO2xxx are thrown by the experiment program (Repro.Runtime), not by the build: they have no constant here.
        var documented = DocumentedCodes().Where(c => string.CompareOrdinal(c, "REPRO2000") < 0).ToArray();
        var constants = Constants().Values.Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEquivalent(constants, documented,
            $"only in ErrorCode.cs: {string.Join(", ", constants.Except(documented))}; only in docs/errors.md: {string.Join(", ", documented.Except(constants))}");
        Assert.AreEqual(constants.Length, constants.Distinct().Count(), "two constants share a code");
    }

    [TestMethod]
    public void EveryDocumentedCodeIsAssertedBySomeTest()
    {
        var asserted = AssertedCodes(TestSources(), Constants());
        var untested = DocumentedCodes().Where(code => !asserted.Contains(code)).ToArray();
        Assert.AreEqual("", string.Join(", ", untested), "documented codes that no test asserts");
    }

    [TestMethod]
    public void AMentionInACommentOrOutsideAnAssertionDoesNotCount()
    {
        var constants = new Dictionary<string, string> { ["Diverged"] = "REPRO0024", ["Regressed"] = "REPRO0054" };
        var mentions = """
            // project.Reproduce(id).FailedWith("REPRO0001");
            /* Assert.AreEqual(ErrorCode.Diverged, e.Code); */
            var failed = new ErrorRecord("REPRO0002", "crashed");
            var code = ErrorCode.Regressed;
            log.Error(ErrorCode.Diverged, "diverged");
            Console.WriteLine("warning REPRO1004:");
            """;
        var assertions = """
            project.Train().FailedWith("REPRO0003");
            Assert.AreEqual(ErrorCode.Diverged, Assert.ThrowsExactly<ReproException>(() => Check()).Code);
            StringAssert.Contains(output, "warning REPRO1004:");
            Code(ErrorCode.Regressed, () => Gate());
            """;
        Assert.IsEmpty(AssertedCodes([mentions], constants));
        CollectionAssert.AreEquivalent(new[] { "REPRO0003", "REPRO0024", "REPRO1004", "REPRO0054" }, AssertedCodes([assertions], constants).ToArray());
    }

    /// <summary>
    /// The codes a statement asserts: a statement (comments removed) that calls an assertion — Assert…, FailedWith,
    /// Throws…, or a helper named Code or Assert… — and names the code, as "REPROnnnn" in a string or as ErrorCode.Name.
    /// </summary>
    internal static HashSet<string> AssertedCodes(IEnumerable<string> sources, IReadOnlyDictionary<string, string> constants)
    {
        var asserted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            foreach (var statement in WithoutComments(source).Split(';'))
            {
                if (!AssertionCall().IsMatch(statement))
                {
                    continue;
                }

                asserted.UnionWith(CodeInText().Matches(statement).Select(m => m.Value));
                asserted.UnionWith(ConstantUse().Matches(statement).Select(m => m.Groups[1].Value)
                    .Where(constants.ContainsKey).Select(name => constants[name]));
            }
        }

        return asserted;
    }

    private static string WithoutComments(string source) => BlockComment().Replace(LineComment().Replace(source, ""), "");

    /// <summary>The codes of docs/errors.md's tables, retired ones left out.</summary>
    private static string[] DocumentedCodes() =>
        File.ReadLines(Path.Combine(Root, "docs", "errors.md"))
            .Select(line => DocumentedRow().Match(line))
            .Where(m => m.Success && !m.Groups[2].Value.Contains("retired", StringComparison.Ordinal))
            .Select(m => m.Groups[1].Value)
            .ToArray();

    /// <summary>ErrorCode's constants by name.</summary>
    private static Dictionary<string, string> Constants() =>
        typeof(ErrorCode).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!, StringComparer.Ordinal);

    private static IEnumerable<string> TestSources() =>
        Directory.EnumerateFiles(Path.Combine(Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Where(path => Path.GetFileName(path) != nameof(ErrorCodeCoverageTests) + ".cs")
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText);

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Repro.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("no Repro.sln above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\|\s*`(REPRO\d{4})`([^|]*)\|")]
    private static partial Regex DocumentedRow();

    [GeneratedRegex(@"\b(\w*Assert\w*(\.\w+)?|FailedWith|Throws\w*|Code)\s*(<[^>]*>)?\s*\(")]
    private static partial Regex AssertionCall();

    [GeneratedRegex(@"REPRO\d{4}")]
    private static partial Regex CodeInText();

    [GeneratedRegex(@"\bErrorCode\.(\w+)")]
    private static partial Regex ConstantUse();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex BlockComment();
}
