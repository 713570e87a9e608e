using System.Net;
using System.Net.Sockets;
using IntentBot.Shop.Http;

namespace IntentBot.Agent.Tests.Infrastructure;

/// <summary>A real HTTP shop backend pointed at a loopback port nobody listens on: every call fails to connect.</summary>
public static class UnreachableShop
{
    public static HttpShopBackend Create()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new HttpShopBackend(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/api/"), Timeout = TimeSpan.FromSeconds(10) });
    }
}
