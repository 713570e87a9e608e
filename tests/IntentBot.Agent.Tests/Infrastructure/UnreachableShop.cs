using IntentBot.Shop.Http;

namespace IntentBot.Agent.Tests.Infrastructure;

/// <summary>A real HTTP shop backend pointed at a loopback port nobody listens on: every call fails to connect.</summary>
public static class UnreachableShop
{
    public static HttpShopBackend Create() =>
        new(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}/api/"), Timeout = TimeSpan.FromSeconds(10) });
}
