using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Repro.Models.MLNet;

public static class ServiceCollectionExtensions
{
    /// <summary>A pool of PredictionEngines for the registered model <paramref name="reference"/> (iris-classifier@production).</summary>
    public static IServiceCollection AddRegisteredModel<TIn, TOut>(this IServiceCollection services, string reference, Action<RegisteredModelOptions>? configure = null)
        where TIn : class
        where TOut : class, new() =>
        services.AddRegisteredModel<TIn, TOut>("", reference, configure);

    /// <summary>A pool for a named model: <c>pool.Predict("candidate", input)</c>.</summary>
    public static IServiceCollection AddRegisteredModel<TIn, TOut>(this IServiceCollection services, string name, string reference, Action<RegisteredModelOptions>? configure = null)
        where TIn : class
        where TOut : class, new()
    {
        var options = new RegisteredModelOptions();
        configure?.Invoke(options);
        if (options.WatchForChanges && options.Source is null)
        {
            throw new InvalidOperationException(
                $"WatchForChanges for {reference} needs a Source: the model the build placed in the output is the one its lock says, and it does not move.");
        }

        services.AddSingleton(new RegisteredModelRegistration<TIn, TOut>(name, reference, options));
        services.TryAddSingleton(provider => new RegisteredModelPool<TIn, TOut>(
            provider.GetServices<RegisteredModelRegistration<TIn, TOut>>(), provider.GetService<ILoggerFactory>()?.CreateLogger("Repro.Models")));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRegisteredModelPool, RegisteredModelPoolStatus<TIn, TOut>>());
        // Loaded when the host starts: a model refused then stops the service before it answers, and the log says which model is live.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RegisteredModelStartup>());
        return services;
    }

    /// <summary>A health check that is healthy while every registered model serves, and says which: name@alias → version, run, SHA-256.</summary>
    public static IHealthChecksBuilder AddRegisteredModelHealthCheck(this IHealthChecksBuilder builder, string name = "registered-models") =>
        builder.AddCheck<RegisteredModelHealthCheck>(name);
}

/// <summary>Every pool a service added, whatever its types, for the start-up load and the health check.</summary>
public interface IRegisteredModelPool
{
    IReadOnlyList<IRegisteredModelStatus> Models { get; }
}

internal sealed class RegisteredModelPoolStatus<TIn, TOut>(RegisteredModelPool<TIn, TOut> pool) : IRegisteredModelPool
    where TIn : class
    where TOut : class, new()
{
    public IReadOnlyList<IRegisteredModelStatus> Models => pool.Models;
}

internal sealed class RegisteredModelStartup(IEnumerable<IRegisteredModelPool> pools) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var pool in pools)
        {
            _ = pool.Models;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal sealed class RegisteredModelHealthCheck(IEnumerable<IRegisteredModelPool> pools) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var models = pools.SelectMany(p => p.Models).ToArray();
        var data = models.ToDictionary(m => m.Name.Length == 0 ? m.Model.Reference : m.Name, m => (object)new Dictionary<string, object>
        {
            ["reference"] = m.Model.Reference,
            ["version"] = m.Model.Version,
            ["runId"] = m.Model.RunId,
            ["sha256"] = m.Model.Sha256,
        });
        var description = string.Join("; ", models.Select(m => $"{m.Model.Reference} → v{m.Model.Version}, run {m.Model.RunId}, sha256 {m.Model.Sha256}" +
            (m.LastRefusal is { } refused ? $" (a newer version was refused: {refused})" : "")));
        return Task.FromResult(models.Length == 0
            ? HealthCheckResult.Unhealthy("no registered model is served")
            : HealthCheckResult.Healthy(description, data));
    }
}
