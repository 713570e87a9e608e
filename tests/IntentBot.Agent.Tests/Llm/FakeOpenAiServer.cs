using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntentBot.Agent.Tests.Infrastructure;

namespace IntentBot.Agent.Tests.Llm;

/// <summary>One request as the fake server received it.</summary>
public sealed record RecordedRequest(string Method, string Path, string? Authorization, JsonNode? Body, string RawBody);

/// <summary>What the fake server sends back.</summary>
public sealed record FakeReply(int Status, string Body, TimeSpan Delay = default)
{
    public static FakeReply Json(JsonNode body) => new(200, body.ToJsonString());
}

/// <summary>
/// A fake OpenAI-compatible peer on loopback: POST {base}/v1/chat/completions, non-streaming, answered by a
/// script the test supplies (request index and body in, reply out). The code under test is the real Semantic
/// Kernel OpenAI connector talking HTTP to it.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<int, RecordedRequest, FakeReply> _script;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private int _count;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();
    public string Endpoint { get; }

    private FakeOpenAiServer(HttpListener listener, int port, Func<int, RecordedRequest, FakeReply> script)
    {
        _listener = listener;
        _script = script;
        Endpoint = $"http://127.0.0.1:{port}/v1";
        _loop = Task.Run(AcceptLoopAsync);
    }

    public IReadOnlyList<RecordedRequest> Received => [.. Requests];

    /// <summary>HttpListener cannot bind port 0, so a free port is found first (and retried if taken meanwhile).</summary>
    public static FakeOpenAiServer Start(Func<int, RecordedRequest, FakeReply> script)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = LoopbackPort.Free();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new FakeOpenAiServer(listener, port, script);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (_stopping.IsCancellationRequested) { return; }
            catch (HttpListenerException) { return; }
            catch (ObjectDisposedException) { return; }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var raw = await reader.ReadToEndAsync();
            JsonNode? body = null;
            try { body = JsonNode.Parse(raw); } catch (JsonException) { }
            var request = new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath,
                context.Request.Headers["Authorization"], body, raw);
            Requests.Enqueue(request);
            var index = Interlocked.Increment(ref _count) - 1;

            var reply = request is { Method: "POST", Path: "/v1/chat/completions" }
                ? _script(index, request)
                : new FakeReply(404, """{"error":{"message":"not found"}}""");
            if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, _stopping.Token);

            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, _stopping.Token);
            context.Response.Close();
        }
        catch (Exception)
        {
            // The client may have given up (timeout tests) or the server is stopping: nothing to answer.
            try { context.Response.Abort(); } catch (ObjectDisposedException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Close();
        try { await _loop; } catch (ObjectDisposedException) { }
        _stopping.Dispose();
    }

    // --- Chat completion bodies in the OpenAI wire format ---

    public static JsonObject ToolCall(string callId, string functionName, string argumentsJson) =>
        Completion(new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = callId,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = functionName, ["arguments"] = argumentsJson },
            }),
        }, "tool_calls");

    public static JsonObject Answer(string? content, string finishReason = "stop") =>
        Completion(new JsonObject { ["role"] = "assistant", ["content"] = content }, finishReason);

    private static JsonObject Completion(JsonObject message, string finishReason) => new()
    {
        ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N"),
        ["object"] = "chat.completion",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = "fake-model",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finishReason }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 },
    };
}
