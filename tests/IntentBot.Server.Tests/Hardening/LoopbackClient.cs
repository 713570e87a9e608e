using System.Net;
using System.Net.Sockets;

namespace IntentBot.Server.Tests.Hardening;

/// <summary>
/// An HttpClient whose connections leave from a chosen loopback address (127.0.0.2, 127.0.0.3, ...): distinct
/// clients, as the server sees them, over real sockets on one machine.
/// </summary>
internal static class LoopbackClient
{
    public static HttpClient From(string localAddress, Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress };
    }
}
