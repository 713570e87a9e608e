using System.Net;
using System.Net.Sockets;

namespace IntentBot.Testing;

/// <summary>A loopback port that was free a moment ago (the OS picks it; the probe listener is closed again).</summary>
public static class LoopbackPort
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
