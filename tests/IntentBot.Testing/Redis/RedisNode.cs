using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IntentBot.Testing;

/// <summary>
/// One real redis-server (or sentinel) process on a free loopback port with its own temporary directory: the one
/// launcher every test and benchmark uses. A test can SIGKILL it and start it again on the same port and directory
/// (it then reloads its AOF and, in a cluster, its nodes.conf), or freeze it (SIGSTOP) and thaw it. The building block
/// of <see cref="RedisServer"/>, <see cref="RedisCluster"/> and <see cref="RedisSentinelGroup"/>. A missing binary
/// is a failure, never a skip.
/// </summary>
public sealed class RedisNode : IDisposable, IAsyncDisposable
{
    private readonly Func<RedisNode, string> _arguments;
    private Process? _process;

    /// <param name="arguments">The redis-server command line for this node, given its port and directory.</param>
    public RedisNode(Func<RedisNode, string> arguments) => _arguments = arguments;

    /// <summary>A standalone server that never snapshots.</summary>
    /// <param name="appendOnly">AOF on with fsync on every write (every acknowledged write is on disk before Redis
    /// answers, so a SIGKILL loses none), or no persistence at all.</param>
    public static RedisNode Standalone(bool appendOnly = false) => new(n =>
        $"--port {n.Port} --bind 127.0.0.1 --protected-mode yes --dir {n.DataDirectory} --save \"\" " +
        (appendOnly ? "--appendonly yes --appendfsync always" : "--appendonly no"));

    /// <summary>A started <see cref="Standalone"/> server, on a fresh port if its first one was taken.</summary>
    public static Task<RedisNode> StartStandaloneAsync(bool appendOnly = false) =>
        StartOnFreshPortsAsync(() => Standalone(appendOnly), node =>
        {
            node.Start();
            return Task.CompletedTask;
        });

    /// <summary>As <see cref="StartStandaloneAsync"/>, for a test's constructor: starting is synchronous, so this never
    /// blocks on a pending task.</summary>
    public static RedisNode StartStandalone(bool appendOnly = false) => StartStandaloneAsync(appendOnly).GetAwaiter().GetResult();

    public int Port { get; } = LoopbackPort.Free();

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("intentbot-redis-node-").FullName;

    public bool Running => _process is { HasExited: false };

    /// <summary>This node's address followed by client options (each test picks the timeouts its scenario needs).</summary>
    public string ConnectionString(string options) => $"127.0.0.1:{Port},{options}";

    public static string Binary(string name = "redis-server") =>
        new[] { $"/usr/bin/{name}", $"/usr/local/bin/{name}" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} is not installed: run ./test.sh, which installs it (apt-get install redis-server).");

    public void Start()
    {
        _process = Process.Start(new ProcessStartInfo(Binary(), _arguments(this))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        // Drained, so a chatty node never blocks on a full pipe.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // Ready means: answers PING after loading its data (while loading, Redis answers -LOADING).
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!AnswersPing())
        {
            if (DateTime.UtcNow > deadline || _process.HasExited) throw new RedisNodeStartException($"redis-server on port {Port} did not start.");
            Thread.Sleep(50);
        }
    }

    /// <summary>
    /// Makes a group of nodes and starts it; a node that cannot start is retried on a fresh group (fresh ports), twice
    /// at most: ports are found free when the nodes are made but bound only as each starts, seconds later, and a test
    /// running in parallel can take one in between. Any other failure disposes the group and fails at once.
    /// </summary>
    public static async Task<T> StartOnFreshPortsAsync<T>(Func<T> create, Func<T, Task> start) where T : IAsyncDisposable
    {
        for (var attempt = 1; ; attempt++)
        {
            var group = create();
            try
            {
                await start(group);
                return group;
            }
            catch (RedisNodeStartException) when (attempt < 3)
            {
                await group.DisposeAsync();
            }
            catch
            {
                await group.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>SIGKILL: the process dies at once (no shutdown, no final save), as in a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process?.Dispose();
        _process = null;
    }

    /// <summary>SIGSTOP: connections stay open and commands simply get no answer, the outage only a client-side timeout catches.</summary>
    public void Pause() => Signal("STOP");

    /// <summary>SIGCONT: the frozen process answers again.</summary>
    public void Resume() => Signal("CONT");

    private void Signal(string name)
    {
        var process = _process ?? throw new InvalidOperationException($"redis-server on port {Port} is not running.");
        using var kill = Process.Start("kill", $"-{name} {process.Id}");
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -{name} {process.Id} failed.");
    }

    /// <summary>One command through redis-cli (admin commands the product never sends: CLUSTER, ROLE, SENTINEL).</summary>
    public string Cli(params string[] arguments)
    {
        var start = new ProcessStartInfo(Binary("redis-cli"), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var cli = Process.Start(start)!;
        var output = cli.StandardOutput.ReadToEndAsync();
        var error = cli.StandardError.ReadToEndAsync();
        if (!cli.WaitForExit(30_000))
        {
            cli.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"redis-cli {string.Join(' ', arguments)} did not finish.");
        }
        return output.Result + error.Result;
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

    /// <summary>Kills the process (SIGKILL ends a frozen one too) and deletes its directory.</summary>
    public void Dispose()
    {
        Kill();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A node's process did not come up (most often: its port was taken after it was found free).</summary>
public sealed class RedisNodeStartException(string message) : InvalidOperationException(message);
