using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace IntentBot.Server.Security;

/// <summary>Marks an endpoint that reads, changes or erases customer data (see ApiSecurity.RequireApiAccess).</summary>
public sealed class CustomerDataEndpoint;

/// <summary>
/// Says loudly at start-up what a bind beyond this machine without API keys means, naming each endpoint: the
/// customer-data ones refuse remote callers until keys are set, the rest are open to anyone who can reach the port.
/// </summary>
internal sealed class OpenEndpointsWarning(IServer server, EndpointDataSource endpoints, IOptions<ApiOptions> api,
    IHostApplicationLifetime lifetime, ILogger<OpenEndpointsWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Warn);
        return Task.CompletedTask;
    }

    private void Warn()
    {
        if (api.Value.Keys.Length > 0) return;
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var remote = addresses.Where(a => !IsLoopback(a)).ToList();
        if (remote.Count == 0) return;
        var routes = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: Describe(e), CustomerData: e.Metadata.GetMetadata<CustomerDataEndpoint>() is not null))
            .Distinct().OrderBy(r => r.Route, StringComparer.Ordinal).ToList();
        logger.LogWarning("Listening beyond this machine ({Addresses}) with no Api:Keys. These endpoints refuse callers off this machine (403) " +
            "until keys are set: {Refused}. These are open to anyone who can reach the port: {Open}. Set Api:Keys before exposing the server.",
            string.Join(", ", remote),
            string.Join(", ", routes.Where(r => r.CustomerData).Select(r => r.Route).Append("GET /metrics")),
            string.Join(", ", routes.Where(r => !r.CustomerData).Select(r => r.Route)));
    }

    private static string Describe(RouteEndpoint endpoint) =>
        string.Join('|', endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]) + " " + endpoint.RoutePattern.RawText;

    /// <summary>"http://127.0.0.1:5080", "http://localhost:5080" and "[::1]" are this machine; "0.0.0.0", "[::]", "*", "+" and other hosts are not.</summary>
    private static bool IsLoopback(string address)
    {
        if (!Uri.TryCreate(address.Replace("://*", "://any", StringComparison.Ordinal).Replace("://+", "://any", StringComparison.Ordinal), UriKind.Absolute, out var uri))
            return false;
        if (uri.IsLoopback) return true;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
