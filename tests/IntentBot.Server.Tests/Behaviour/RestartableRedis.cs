using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IntentBot.Server.Tests.Behaviour;

/// <summary>
/// A real redis-server that a test can stop and start again on the same port: a Redis outage and its
/// recovery, as production sees them (connection refused, then the client reconnects by itself).
/// </summary>
public sealed class RestartableRedis : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("intentbot-redis-restart-").FullName;
    private Process? _process;

    public int Port { get; } = LoopbackPort.Free();

    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=500,syncTimeout=1000,asyncTimeout=1000";

    public void Start()
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: run ./test.sh, which installs it.");
        _process = Process.Start(new ProcessStartInfo(binary, $"--port {Port} --bind 127.0.0.1 --save \"\" --appendonly no --dir {_directory}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!Accepts())
        {
            if (DateTime.UtcNow > deadline || _process.HasExited) throw new InvalidOperationException("redis-server did not start.");
            Thread.Sleep(50);
        }
    }

    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process?.Dispose();
        _process = null;
    }

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }


    public void Dispose()
    {
        Stop();
        Directory.Delete(_directory, recursive: true);
    }
}
