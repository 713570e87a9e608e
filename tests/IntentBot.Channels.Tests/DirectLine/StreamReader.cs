using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace IntentBot.Channels.Tests.DirectLine;

/// <summary>Reads Direct Line stream frames from a real ClientWebSocket: ActivitySets, and empty keep-alive frames.</summary>
public sealed class StreamFrames(ClientWebSocket socket)
{
    public static async Task<StreamFrames> ConnectAsync(string streamUrl)
    {
        var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(new Uri(streamUrl), timeout.Token);
        return new StreamFrames(socket);
    }

    public ClientWebSocket Socket => socket;

    /// <summary>The next frame's text ("" for a keep-alive); a generous limit only so a broken stream fails instead of hanging.</summary>
    public async Task<string> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var message = new MemoryStream();
        var buffer = new byte[8192];
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("the server closed the stream");
            message.Write(buffer, 0, result.Count);
        } while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(message.ToArray());
    }

    /// <summary>Activities from ActivitySet frames (skipping keep-alives) until <paramref name="count"/> arrived.</summary>
    public async Task<(List<JsonElement> Activities, string? Watermark)> ActivitiesAsync(int count)
    {
        var activities = new List<JsonElement>();
        string? watermark = null;
        while (activities.Count < count)
        {
            var frame = await NextAsync();
            if (frame.Length == 0) continue;
            var set = JsonDocument.Parse(frame).RootElement.Clone();
            activities.AddRange(set.GetProperty("activities").EnumerateArray());
            watermark = set.GetProperty("watermark").GetString();
        }
        return (activities, watermark);
    }
}
