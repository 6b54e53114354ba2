using System.Net.Sockets;
using Azure;
using Azure.Identity;
using Azure.Storage.Blobs.Models;
using Repro.Diagnostics;

namespace Repro.Remotes;

/// <summary>
/// What the Azure SDK throws, as Repro's codes: a refused credential is REPRO0085, anything else on the wire REPRO0081.
/// Messages carry the status and the service's error code, never a response body or a request (a signature, a SAS).
/// </summary>
internal static class AzureFailures
{
    /// <summary>True when <paramref name="e"/> (or, from the retry policy or a parallel transfer, one inside it) is that answer.</summary>
    public static bool Is(Exception e, int status, BlobErrorCode? code) =>
        Flatten(e).OfType<RequestFailedException>().Any(r => r.Status == status && (code is null || r.ErrorCode == code.Value.ToString()));

    /// <summary>The ReproException for a failure of the remote at <paramref name="location"/>, or null if it is no transport failure.</summary>
    public static ReproException? Translate(Exception e, string location)
    {
        if (e is ReproException)
        {
            return null;
        }

        var all = Flatten(e).ToList();
        if (all.OfType<AuthenticationFailedException>().FirstOrDefault() is { } identity)
        {
            return Credentials(location, $"no credential was accepted: {FirstLine(identity.Message)}", identity);
        }

        if (all.OfType<RequestFailedException>().FirstOrDefault(r => r.Status is 401 or 403) is { } refused)
        {
            return Credentials(location, $"{refused.Status} {refused.ErrorCode}", null);
        }

        if (!all.Any(x => x is RequestFailedException or HttpRequestException or IOException or SocketException or TimeoutException
                or OperationCanceledException or AggregateException))
        {
            return null;
        }

        var why = all.OfType<RequestFailedException>().FirstOrDefault(r => r.Status != 0) is { } answered
            ? $"{answered.Status} {answered.ErrorCode}"
            : FirstLine(all.LastOrDefault(x => x is not AggregateException and not RequestFailedException)?.Message ?? e.Message);
        return new ReproException(ErrorCode.RemoteUnavailable,
            $"the remote '{location}' failed ({why}): nothing was left half written; make the storage account reachable, then run the verb again.", e);
    }

    public static ReproException Credentials(string location, string why, Exception? inner) => new(ErrorCode.RemoteCredentials,
        $"the remote '{location}' refused the credentials ({why}): set AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_ACCOUNT_URL "
        + "(or AZURE_STORAGE_ACCOUNT) with a credential DefaultAzureCredential finds, that may read and write the container.", inner);

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }

                yield break;
            }
        }
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}
