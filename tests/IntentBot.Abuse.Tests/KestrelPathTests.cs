using System.Net;

namespace IntentBot.Abuse.Tests;

/// <summary>
/// Paths with a NUL byte (%00) over a real socket: the in-memory TestServer refuses to build such a request,
/// so this is where they are checked. Kestrel must answer 400 and keep serving.
/// </summary>
public sealed class KestrelPathTests
{
    [Fact]
    public async Task Nul_bytes_in_paths_are_refused_and_the_server_keeps_answering()
    {
        using var server = new AbuseServer();
        server.UseKestrel(0);
        server.StartServer();
        using var http = server.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", AbuseServer.ApiKey);
        string[] paths =
        [
            "/api/v1/users/%00/context", "/api/v1/users/a%00b", "/api/v1/conversations/%00/handback", "/v3/directline/conversations/%00/activities",
            "/api/v1/users/%F0%9F%98%80%00/context?sessionId=%00",
        ];
        foreach (var path in paths)
        {
            var response = await http.SendAsync(new HttpRequestMessage(path.Contains("handback", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get, path));
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{path} answered {(int)response.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
    }
}
