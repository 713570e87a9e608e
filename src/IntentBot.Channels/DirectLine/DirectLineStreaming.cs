using System.Net.WebSockets;
using System.Text.Json;
using IntentBot.Channels.DirectLine.Transcripts;
using IntentBot.Context.Storage;
using Microsoft.Extensions.Options;

namespace IntentBot.Channels.DirectLine;

/// <summary>
/// The WebSocket of a streamUrl: sends the transcript from the watermark on as ActivitySet frames, then each new
/// append as it happens (woken by the store, whichever instance appended), and an empty frame after each quiet
/// KeepAliveInterval. Frames the client sends (DirectLineJS pings with empty ones) are read and ignored.
/// </summary>
public sealed class DirectLineStreaming(ITranscriptStore transcripts, IOptions<DirectLineOptions> options)
{
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    public async Task RunAsync(WebSocket socket, string conversationId, long watermark, CancellationToken aborted)
    {
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var receiving = ReceiveUntilClosedAsync(socket, closed);
        try
        {
            while (!closed.IsCancellationRequested)
            {
                var page = await transcripts.ReadAsync(conversationId, watermark, options.Value.MaxActivitiesPerSet, closed.Token);
                if (page is null) break; // the conversation expired
                if (page.Activities.Count > 0)
                {
                    watermark = page.Watermark;
                    var frame = JsonSerializer.SerializeToUtf8Bytes(
                        new ActivitySet(page.Activities, Watermarks.Format(watermark)), DirectLineJsonContext.Default.ActivitySet);
                    await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, closed.Token);
                    continue;
                }
                await WaitSendingKeepAlivesAsync(socket, conversationId, watermark, closed.Token);
            }
            if (socket.State == WebSocketState.Open)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "conversation ended", aborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client went away or the server is stopping: nothing to tell anyone.
        }
        catch (StoreUnavailableException)
        {

            // Redis is out. Close with 1011 rather than let the socket drop: DirectLineJS reconnects with its
            // watermark, and the transcript from there on is sent once the store answers again.
            if (socket.State == WebSocketState.Open)
            {
                try { await socket.CloseOutputAsync(WebSocketCloseStatus.InternalServerError, "store unavailable; reconnect", aborted); }
                catch (Exception ex) when (ex is OperationCanceledException or WebSocketException) { }
            }
        }
        finally
        {
            if (socket.State == WebSocketState.CloseSent)
            {
                // Our close frame is on its way: let the client answer it. Cancelling the pending receive now
                // would abort the socket, and the reset can overtake the close frame (the client then sees a
                // dropped connection instead of the close status).
                try { await receiving.WaitAsync(CloseHandshakeTimeout, aborted); }
                catch (Exception ex) when (ex is TimeoutException or OperationCanceledException) { }
            }
            await closed.CancelAsync();
            await receiving;
        }
    }

    /// <summary>
    /// Waits for an append, sending an empty frame after each quiet KeepAliveInterval. A keep-alive costs no
    /// store call: the wait stays registered across them (with Redis, a pub/sub wake-up), and the transcript is
    /// read again only when woken or after StreamResyncInterval (which finds an expired conversation, and an
    /// append whose notification was lost).
    /// </summary>
    private async Task WaitSendingKeepAlivesAsync(WebSocket socket, string conversationId, long watermark, CancellationToken closed)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(closed);
        waiting.CancelAfter(options.Value.StreamResyncInterval);
        var appended = transcripts.WaitForAppendAsync(conversationId, watermark, waiting.Token);
        try
        {
            while (true)
            {
                var tick = Task.Delay(options.Value.KeepAliveInterval, waiting.Token);
                if (await Task.WhenAny(appended, tick) == appended) break;
                closed.ThrowIfCancellationRequested();
                if (waiting.IsCancellationRequested) break; // time to read again
                await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, closed);
            }
            await appended;
        }
        catch (OperationCanceledException) when (!closed.IsCancellationRequested)
        {
            // The resync interval passed: the caller reads the transcript again.
        }
        finally
        {
            // A send that failed leaves the wait pending: end it, so the store forgets this waiter now.
            await waiting.CancelAsync();
            await appended.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private static async Task ReceiveUntilClosedAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (!closed.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
        await closed.CancelAsync();
    }
}

/// <summary>Watermarks on the wire: the transcript sequence number as a string (opaque to clients).</summary>
public static class Watermarks
{
    public static string Format(long sequence) => sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Empty or missing means "from the start"; anything else must be a sequence number.</summary>
    public static bool TryParse(string? text, out long sequence)
    {
        sequence = 0;
        if (string.IsNullOrEmpty(text)) return true;
        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out sequence);
    }
}
