using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace IntentBot.Abuse.Tests;

/// <summary>
/// Hostile WebSocket clients on a Direct Line streamUrl, over a real Kestrel socket: random and invalid-UTF-8
/// text frames, megabytes of binary, messages never finished, odd close codes, abrupt aborts, and raw bytes
/// that break the framing rules (unmasked frames, reserved bits, bad opcodes, oversized lengths). Afterwards the
/// server must be ready, log no unhandled exception, hold bounded memory, and stream a normal conversation.
/// </summary>
public sealed class WebSocketFuzzTests
{
    [Fact]
    public async Task Direct_Line_streams_survive_hostile_websocket_clients()
    {
        using var server = new AbuseServer();
        server.UseKestrel(0);
        server.StartServer();
        using var http = server.CreateClient();
        var (conversationId, token, userId, streamUrl) = await StartAsync(http);

        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < 80; i++)
        {
            var seed = 7_000_000 + i;
            var f = new Fuzzer(seed);
            try
            {
                if (f.Chance(0.35)) await RawGarbageAsync(new Uri(streamUrl), f);
                else await HostileClientAsync(streamUrl, f);
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or SocketException or OperationCanceledException)
            {
                // The server may close on us mid-abuse; that is its right. What matters is checked below.
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(managed < baseline + 200L * 1024 * 1024, $"managed heap grew from {baseline:N0} to {managed:N0} bytes");
        var unhandled = server.Logs.Lines.Where(l => l.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase)
                                                      || l.StartsWith("Critical", StringComparison.Ordinal)).Take(3).ToList();
        Assert.True(unhandled.Count == 0, "the server logged unhandled exceptions:\n" + string.Join("\n", unhandled));

        // A well-behaved client still gets its conversation streamed.
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await socket.ConnectAsync(new Uri(streamUrl), timeout.Token);
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { type = "message", from = new { id = userId }, text = "where is my order?" }),
                Encoding.UTF8, "application/json"),
        };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(post)).StatusCode);
        var texts = new List<string>();
        var buffer = new byte[64 * 1024];
        while (!texts.Any(t => t.Contains("where is my order?", StringComparison.Ordinal)) || texts.Count(t => t.Contains("\"bot\"", StringComparison.Ordinal)) < 2)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            if (result.Count > 0) texts.Add(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
    }

    private static async Task<(string ConversationId, string Token, string UserId, string StreamUrl)> StartAsync(HttpClient http)
    {
        var issued = await (await http.PostAsync("/api/v1/directline/token", null)).Content.ReadFromJsonAsync<JsonElement>();
        var token = issued.GetProperty("token").GetString()!;
        using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var started = await (await http.SendAsync(start)).Content.ReadFromJsonAsync<JsonElement>();
        return (issued.GetProperty("conversationId").GetString()!, token, issued.GetProperty("userId").GetString()!,
            started.GetProperty("streamUrl").GetString()!);
    }

    /// <summary>A client that speaks WebSocket correctly but sends what DirectLineJS never would.</summary>
    private static async Task HostileClientAsync(string streamUrl, Fuzzer f)
    {
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await socket.ConnectAsync(new Uri(streamUrl), timeout.Token);
        var frames = f.Next(1, 6);
        for (var i = 0; i < frames && socket.State == WebSocketState.Open; i++)
        {
            switch (f.Next(5))
            {
                case 0: // text frame with random bytes (usually invalid UTF-8)
                {
                    var bytes = new byte[f.Next(0, 4096)];
                    f.Random.NextBytes(bytes);
                    await socket.SendAsync(bytes, WebSocketMessageType.Text, true, timeout.Token);
                    break;
                }
                case 1: // a few megabytes of binary in chunks: must be read and dropped, never buffered whole
                {
                    var chunk = new byte[64 * 1024];
                    f.Random.NextBytes(chunk);
                    var chunks = f.Next(1, 64);
                    for (var c = 0; c < chunks; c++)
                        await socket.SendAsync(chunk, WebSocketMessageType.Binary, c == chunks - 1, timeout.Token);
                    break;
                }
                case 2: // a JSON-looking activity on the stream (Direct Line streams are server-to-client only)
                    await socket.SendAsync(Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\"" + new string('x', f.Next(1, 10000)) + "\"}"),
                        WebSocketMessageType.Text, true, timeout.Token);
                    break;
                case 3: // a message started and never finished
                    await socket.SendAsync(new byte[f.Next(1, 1000)], WebSocketMessageType.Binary, false, timeout.Token);
                    break;
                default: // empty frames, as DirectLineJS pings
                    await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, true, timeout.Token);
                    break;
            }
        }
        switch (f.Next(3))
        {
            case 0: socket.Abort(); break;
            case 1:
                var status = (WebSocketCloseStatus)f.Pick(new[] { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1011, 3000, 4999 });
                await socket.CloseOutputAsync(status, f.Chance(0.5) ? null : new string('z', f.Next(0, 120)), timeout.Token);
                break;
            default: break; // just dispose: the TCP connection drops
        }
    }

    /// <summary>A valid upgrade, then bytes that break RFC 6455's framing rules, written straight to the socket.</summary>
    private static async Task RawGarbageAsync(Uri streamUrl, Fuzzer f)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await client.ConnectAsync(streamUrl.Host, streamUrl.Port, timeout.Token);
        var stream = client.GetStream();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {streamUrl.PathAndQuery} HTTP/1.1\r\nHost: {streamUrl.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                      $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
        var response = new byte[4096];
        var read = await stream.ReadAsync(response, timeout.Token);
        Assert.StartsWith("HTTP/1.1 101", Encoding.ASCII.GetString(response, 0, read));

        byte[] frame = f.Next(6) switch
        {
            0 => [0x81, 0x05, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o'],        // unmasked client frame
            1 => [0xF1, 0x80, 1, 2, 3, 4],                                                      // reserved bits set
            2 => [0x83, 0x80, 1, 2, 3, 4],                                                      // reserved opcode 3
            3 => [0x82, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3, 4],   // 2^63-1 byte payload announced
            4 => [0x89, 0xFE, 0x01, 0x00, 1, 2, 3, 4],                                          // 256-byte ping (control frames max 125)
            _ => RandomBytes(f, f.Next(1, 2048)),
        };
        await stream.WriteAsync(frame, timeout.Token);
        if (f.Chance(0.5))
        {
            // See what the server does with it (a close frame, or nothing), then hang up.
            try { await stream.ReadAsync(response, timeout.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(2)); }
            catch (TimeoutException) { }
        }
    }

    private static byte[] RandomBytes(Fuzzer f, int length)
    {
        var bytes = new byte[length];
        f.Random.NextBytes(bytes);
        return bytes;
    }
}
