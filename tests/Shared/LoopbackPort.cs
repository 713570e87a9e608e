using System.Net;
using System.Net.Sockets;

namespace IntentBot.Tests.Shared;

/// <summary>A loopback port that was free a moment ago (the OS picks it; the probe listener is closed again).</summary>
/// <remarks>One source file linked into each test project that starts a server of its own (redis-server, the bot,
/// a fake LLM): there is no shared test library, and this is all they share.</remarks>
internal static class LoopbackPort
{
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
