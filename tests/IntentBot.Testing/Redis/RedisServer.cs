using StackExchange.Redis;
using Xunit;

namespace IntentBot.Testing;

/// <summary>
/// A test class's own redis-server (a <see cref="RedisNode.Standalone"/> server without persistence) and a
/// connection to it, started before the first test and killed after the last. test.sh installs redis-server; a
/// missing binary is a failure, never a skip, so CI cannot pass without Redis.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private RedisNode _node = null!;

    public int Port => _node.Port;
    public ConnectionMultiplexer Connection { get; private set; } = null!;
    public string ConnectionString => _node.ConnectionString("abortConnect=false,connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000");

    public async Task InitializeAsync()
    {
        _node = await RedisNode.StartStandaloneAsync();
        // The node answers PING already: a connection that cannot be made now is a failure.
        Connection = await ConnectionMultiplexer.ConnectAsync(_node.ConnectionString("abortConnect=true,connectTimeout=2000"));
    }

    /// <summary>Every key in the server: what erasure tests scan.</summary>
    public IReadOnlyList<string> AllKeys() =>
        Connection.GetServer("127.0.0.1", Port).Keys(pattern: "*").Select(k => k.ToString()).ToList();

    public async Task DisposeAsync()
    {
        if (Connection is not null) await Connection.DisposeAsync();
        _node?.Dispose();
    }
}
