using Repro.SourceControl;

namespace Repro.Registry;

/// <summary>Who changes the registry, as its history records it: the git user of the repository, else the login name.</summary>
public static class Registrar
{
    /// <summary>"Ada Lovelace &lt;ada@example.com&gt;" from git's user.name and user.email where the project is; else the user's login name.</summary>
    public static string Of(string directory)
    {
        var name = GitProbe.Config(directory, "user.name");
        var email = GitProbe.Config(directory, "user.email");
        return name is null ? Environment.UserName : email is null ? name : $"{name} <{email}>";
    }
}
