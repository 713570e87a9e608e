using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IntentBot.Server.Tests.Hardening;

/// <summary>
/// A real redis-server that a test can freeze (SIGSTOP) and thaw (SIGCONT): connections stay open and commands
/// simply get no answer, the outage that only a client-side timeout catches.
/// </summary>
public sealed class PausableRedis : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("intentbot-redis-pause-").FullName;
    private readonly Process _process;

    /// <param name="arguments">More redis-server arguments, e.g. "--appendonly yes".</param>
    public PausableRedis(string arguments = "--appendonly no")
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: run ./test.sh, which installs it.");
        _process = Process.Start(new ProcessStartInfo(binary, $"--port {Port} --bind 127.0.0.1 --save \"\" --dir {_directory} {arguments}")
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

    public int Port { get; } = LoopbackPort.Free();

    /// <summary>The server's working directory (its append-only files, when AOF is on).</summary>
    public string DataDirectory => _directory;

    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=500,syncTimeout=5000,asyncTimeout=5000";

    public void Pause() => Signal("STOP");

    public void Resume() => Signal("CONT");

    private void Signal(string name)
    {
        using var kill = Process.Start("kill", $"-{name} {_process.Id}");
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -{name} failed.");
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
        if (!_process.HasExited)
        {
            Resume();
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
