using System.Net;
using System.Net.Http.Headers;

namespace IntentBot.Server.Tests.Hardening;

/// <summary>Erasing a user ends the Direct Line tokens naming them: no refresh, no new conversation, no post.</summary>
public sealed class ErasureRevokesTokensTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_page_token_stops_working_once_its_user_is_erased(bool withRedis)
    {
        using var factory = new IntentBotFactory(withRedis ? new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis.ConnectionString } : null);
        var client = factory.CreateClient();
        var issued = await Json.ReadAsync(await client.PostAsync("/api/v1/directline/token", null));
        var (token, user, conversation) = ((string)issued["token"]!, (string)issued["userId"]!, (string)issued["conversationId"]!);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(client, HttpMethod.Post, "/v3/directline/conversations", token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Post, $"/v3/directline/conversations/{conversation}/activities", token,
            $$"""{"type":"message","from":{"id":"{{user}}"},"text":"hello"}""")).StatusCode);
        var refreshed = (string)(await Json.ReadAsync(await SendAsync(client, HttpMethod.Post, "/v3/directline/tokens/refresh", token)))["token"]!;

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/users/{user}")).StatusCode);

        foreach (var credential in new[] { token, refreshed })
        {
            await AssertForbiddenAsync(await SendAsync(client, HttpMethod.Post, "/v3/directline/tokens/refresh", credential));
            await AssertForbiddenAsync(await SendAsync(client, HttpMethod.Post, "/v3/directline/conversations", credential));
            await AssertForbiddenAsync(await SendAsync(client, HttpMethod.Post, $"/v3/directline/conversations/{conversation}/activities", credential,
                $$"""{"type":"message","from":{"id":"{{user}}"},"text":"still here"}"""));
        }

        // Another visitor is not affected.
        var other = await Json.ReadAsync(await client.PostAsync("/api/v1/directline/token", null));
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(client, HttpMethod.Post, "/v3/directline/conversations", (string)other["token"]!)).StatusCode);
    }

    private static async Task AssertForbiddenAsync(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{response.RequestMessage!.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string credential, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        if (json is not null) request.Content = Json.Body(json);
        return client.SendAsync(request);
    }
}
