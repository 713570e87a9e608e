using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntentBot.Server.Tests;

internal static class Json
{
    public static StringContent Body(string json, string contentType = "application/json") =>
        new(json, Encoding.UTF8, new MediaTypeHeaderValue(contentType));

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public static string Serialize(object value) => JsonSerializer.Serialize(value);
}
