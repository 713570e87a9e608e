using System.Diagnostics;
using StackExchange.Redis;
using Xunit;

namespace IntentBot.Testing;

/// <summary>
/// A real redis-server on a free loopback port, started for the tests and killed afterwards. test.sh
/// installs redis-server; a missing binary is a failure, never a skip, so CI cannot pass without Redis.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? _process;
    private string? _directory;

    public int Port { get; private set; }
    public ConnectionMultiplexer Connection { get; private set; } = null!;
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000";

    public async Task InitializeAsync()
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: run ./test.sh, which installs it (apt-get install redis-server).");
        Port = LoopbackPort.Free();
        _directory = Directory.CreateTempSubdirectory("intentbot-redis-").FullName;
        _process = Process.Start(new ProcessStartInfo(binary,
            $"--port {Port} --bind 127.0.0.1 --save \"\" --appendonly no --dir {_directory} --protected-mode yes")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        Connection = await ConnectWhenReadyAsync();
    }

    private async Task<ConnectionMultiplexer> ConnectWhenReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},abortConnect=true,connectTimeout=500");
                await connection.GetDatabase().PingAsync();
                return connection;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline && _process is { HasExited: false })
            {
                await Task.Delay(100);
            }
        }
    }


    /// <summary>Every key in the server: what erasure tests scan.</summary>
    public IReadOnlyList<string> AllKeys() =>
        Connection.GetServer("127.0.0.1", Port).Keys(pattern: "*").Select(k => k.ToString()).ToList();

    public async Task DisposeAsync()
    {
        await Connection.DisposeAsync();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        if (_directory is not null) Directory.Delete(_directory, recursive: true);
    }
}
