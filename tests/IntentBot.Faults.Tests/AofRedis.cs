using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IntentBot.Context;
using IntentBot.Context.Redis;
using IntentBot.Context.State;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IntentBot.Faults.Tests;

/// <summary>
/// A real redis-server with AOF on (appendonly yes, appendfsync always: every acknowledged write is on disk
/// before Redis answers) in its own temporary directory on a fixed free port. <see cref="Kill"/> sends SIGKILL
/// (no shutdown, no final save), <see cref="Start"/> brings it back on the same port and directory, where it
/// replays the append-only file. A missing binary is a failure, never a skip.
/// </summary>
public sealed class AofRedis : IRedisDeployment
{
    private readonly string _directory = Directory.CreateTempSubdirectory("intentbot-faults-redis-").FullName;
    private Process? _process;
    private ConnectionMultiplexer? _connection;

    public int Port { get; } = LoopbackPort.Free();

    /// <summary>What the servers get: short timeouts so an outage answers quickly instead of hanging.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000,connectRetry=1";

    public static AofRedis Start()
    {
        var redis = new AofRedis();
        redis.StartProcess();
        return redis;
    }

    public void StartProcess()
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: run ./test.sh, which installs it (apt-get install redis-server).");
        _process = Process.Start(new ProcessStartInfo(binary,
            $"--port {Port} --bind 127.0.0.1 --save \"\" --appendonly yes --appendfsync always --dir {_directory} --protected-mode yes")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // Ready means: answers PING after loading the AOF (while loading, Redis answers -LOADING).
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!AnswersPing())
        {
            if (DateTime.UtcNow > deadline || _process.HasExited) throw new InvalidOperationException("redis-server did not start.");
            Thread.Sleep(50);
        }
    }

    public Task RestartAsync()
    {
        StartProcess();
        return Task.CompletedTask;
    }

    /// <summary>SIGKILL: the process dies at once, as in a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true); // SIGKILL on Linux
            _process.WaitForExit();
        }
        _process?.Dispose();
        _process = null;
    }

    /// <summary>The test's own connection, to read back what the servers stored.</summary>
    public async Task<IConnectionMultiplexer> ConnectionAsync() =>
        _connection ??= await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000");

    /// <summary>The conversation state as the agent stored it, read through the product's own Redis store.</summary>
    public async Task<ConversationState?> ConversationAsync(string userId, string conversationId)
    {
        var store = new RedisConversationStore(await ConnectionAsync(), Options.Create(new ContextOptions()));
        return (await store.GetConversationAsync(userId, conversationId))?.Value;
    }

    private bool AnswersPing()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.ReadTimeout = 1000;
            stream.Write("PING\r\n"u8);
            var buffer = new byte[64];
            var read = stream.Read(buffer, 0, buffer.Length);
            return read >= 5 && buffer.AsSpan(0, 5).SequenceEqual("+PONG"u8);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }


    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        Kill();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
