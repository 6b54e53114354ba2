using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Repro.Diagnostics;

namespace Repro.Remotes;

public sealed partial class AzureBlobRemote
{
    public const string ConnectionStringVariable = "AZURE_STORAGE_CONNECTION_STRING";
    public const string AccountUrlVariable = "AZURE_STORAGE_ACCOUNT_URL";
    public const string AccountVariable = "AZURE_STORAGE_ACCOUNT";

    /// <summary>
    /// Opens <paramref name="location"/> with credentials the Azure SDK's way: a connection string, or an account URL
    /// (or account name) with <see cref="DefaultAzureCredential"/>. Opening sends nothing; the first request does.
    /// </summary>
    public static AzureBlobRemote Open(RemoteLocation location, Func<string, string?> environment)
    {
        if (location.Kind != RemoteKind.AzureBlob)
        {
            throw new ArgumentException($"'{location}' is not an azblob:// remote.", nameof(location));
        }

        var shown = location.ToString();
        var service = Service(shown, environment);
        return new AzureBlobRemote(service.GetBlobContainerClient(location.Container), location);
    }

    private static BlobServiceClient Service(string location, Func<string, string?> environment)
    {
        var options = FailFast();
        if (Value(environment, ConnectionStringVariable) is { } connectionString)
        {
            try
            {
                return new BlobServiceClient(connectionString, options);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or UriFormatException)
            {
                // The parser's message can quote the string: leave it out.
                throw AzureFailures.Credentials(location, $"{ConnectionStringVariable} is not a storage connection string", null);
            }
        }

        var url = Value(environment, AccountUrlVariable);
        if (url is null && Value(environment, AccountVariable) is { } account)
        {
            url = $"https://{account}.blob.core.windows.net";
        }

        if (url is null)
        {
            throw new ReproException(ErrorCode.RemoteCredentials,
                $"the remote '{location}' needs credentials: set {ConnectionStringVariable}, or {AccountUrlVariable} (or {AccountVariable}) "
                + "with a credential DefaultAzureCredential finds (az login, a managed identity, AZURE_CLIENT_ID…).");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http"))
        {
            throw AzureFailures.Credentials(location, $"{AccountUrlVariable} (or {AccountVariable}) does not make an http(s) URL", null);
        }

        return new BlobServiceClient(endpoint, new DefaultAzureCredential(), options);
    }

    /// <summary>
    /// Few, short retries and a bounded wait per try: a remote that is gone fails the verb in seconds, not the SDK's
    /// default minutes of back-off.
    /// </summary>
    private static BlobClientOptions FailFast()
    {
        var options = new BlobClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return options;
    }

    private static string? Value(Func<string, string?> environment, string name) =>
        environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
