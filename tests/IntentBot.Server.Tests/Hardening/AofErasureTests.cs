using System.Net;
using IntentBot.Server.Context;
using IntentBot.Server.Tests.Behaviour;
using Microsoft.Extensions.DependencyInjection;

namespace IntentBot.Server.Tests.Hardening;

/// <summary>
/// Erased data leaves Redis's append-only file too: after an erasure the server asks Redis for a rewrite
/// (Context:AofRewriteAfterErasure), and the user's data is no longer in any file Redis keeps.
/// </summary>
public sealed class AofErasureTests : IDisposable
{
    private readonly RedisNode _redis = RedisNode.StartStandalone(appendOnly: true);

    [Fact]
    public async Task After_an_erasure_the_append_only_file_no_longer_holds_the_users_data()
    {
        using var factory = new IntentBotFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = _redis.ConnectionString("abortConnect=false,connectTimeout=500,syncTimeout=5000,asyncTimeout=5000,allowAdmin=true"),
            ["Context:AofRewriteAfterErasure"] = "00:00:01",
        });
        var client = factory.CreateClient();
        var user = $"aof-{Guid.NewGuid():N}";
        var marker = $"marker{Guid.NewGuid():N}";
        var posted = await client.PostAsync("/api/v1/events", Events.Batch(Events.Event(user, "search", query: "kettle " + marker)));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.True(AofHolds(user) && AofHolds(marker), "the data reached the append-only file");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/users/{user}")).StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (AofHolds(user) || AofHolds(marker))
        {
            Assert.True(DateTime.UtcNow < deadline, "the erased user is still in the append-only file");
            await Task.Delay(200);
        }
        Assert.True(factory.Services.GetRequiredService<ErasureAofRewriter>().Rewrites >= 1);
    }

    private bool AofHolds(string text) =>
        Directory.EnumerateFiles(_redis.DataDirectory, "*.aof*", SearchOption.AllDirectories)
            .Any(file =>
            {
                try { return File.ReadAllText(file).Contains(text, StringComparison.Ordinal); }
                catch (IOException) { return true; } // being rewritten: look again
            });

    public void Dispose() => _redis.Dispose();
}
