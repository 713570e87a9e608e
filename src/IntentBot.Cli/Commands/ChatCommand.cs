using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntentBot.Cli.Commands;

/// <summary>
/// `intentbot chat`: talks to a running IntentBot through its Direct Line 3.0, like any other client. Gets a
/// token from the server's same-origin endpoint (or starts with a secret), sends each stdin line as a message and
/// prints the bot's replies with their suggested actions; typing an action's number sends that action.
/// Replies are fetched by polling from the watermark: a post returns once the bot's turn is stored, so one poll
/// after each post shows the whole answer.
/// </summary>
public static class ChatCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(Options options, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var baseUrl = (options.Get("--url") ?? Environment.GetEnvironmentVariable("INTENTBOT_URL") ?? "http://127.0.0.1:5080").TrimEnd('/');
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != "http" && baseUri.Scheme != "https"))
            throw new UsageException($"--url must be an http(s) URL, got '{baseUrl}'.");
        var secret = options.Get("--secret") ?? Environment.GetEnvironmentVariable("INTENTBOT_DIRECTLINE_SECRET");
        var echoInput = options.Has("--echo") || Console.IsInputRedirected;

        using var http = new HttpClient { BaseAddress = new Uri(baseUrl + "/") };
        http.DefaultRequestHeaders.Add("x-ms-bot-agent", "DirectLine/3.0 (intentbot-cli)");
        var session = new Session(http, stdout);
        try
        {
            await session.StartAsync(secret, options.Get("--user"));
        }
        catch (Exception ex) when (ex is HttpRequestException or ChatException or JsonException)
        {
            await stderr.WriteLineAsync($"intentbot chat: cannot start a conversation at {baseUrl}: {ex.Message}");
            return 1;
        }
        await stdout.WriteLineAsync($"Connected to {baseUrl} (conversation {session.ConversationId}). Type a message; an empty line or end of input quits.");
        await session.PrintNewAsync();

        string? line;
        while ((line = await stdin.ReadLineAsync()) is not null && line.Trim().Length > 0)
        {
            var text = session.ResolveSuggestedAction(line.Trim());
            if (echoInput) await stdout.WriteLineAsync($"you> {text}");
            try
            {
                await session.SendAsync(text);
                await session.PrintNewAsync();
            }
            catch (Exception ex) when (ex is HttpRequestException or ChatException or JsonException)
            {
                await stderr.WriteLineAsync($"intentbot chat: {ex.Message}");
                return 1;
            }
        }
        return 0;
    }

    private sealed class ChatException(string message) : Exception(message);

    private sealed class Session(HttpClient http, TextWriter stdout)
    {
        private string _token = "";
        private string _userId = "";
        private string _watermark = "";
        private List<(string Title, string Value)> _actions = [];

        public string ConversationId { get; private set; } = "";

        public async Task StartAsync(string? secret, string? userId)
        {
            string bearer;
            if (secret is null)
            {
                // The same exchange the web page does: no secret needed on this side.
                var token = await ReadAsync(await http.PostAsync("api/v1/directline/token", null));
                bearer = token["token"]!.GetValue<string>();
                userId = token["userId"]?.GetValue<string>() ?? userId;
            }
            else bearer = secret;
            _userId = userId ?? "cli-" + Environment.UserName;
            using var request = Request(HttpMethod.Post, "v3/directline/conversations", bearer);
            request.Content = JsonContent.Create(new { user = new { id = _userId } }, options: Json);
            var conversation = await ReadAsync(await http.SendAsync(request));
            ConversationId = conversation["conversationId"]!.GetValue<string>();
            _token = conversation["token"]!.GetValue<string>();
        }

        public async Task SendAsync(string text)
        {
            using var request = Request(HttpMethod.Post, $"v3/directline/conversations/{ConversationId}/activities", _token);
            request.Content = JsonContent.Create(new
            {
                type = "message",
                from = new { id = _userId, role = "user" },
                text,
                locale = CultureInfo.CurrentCulture.Name.Length > 0 ? CultureInfo.CurrentCulture.Name : "en-US",
            }, options: Json);
            using var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.BadGateway)
            {
                await stdout.WriteLineAsync("bot> (the bot failed to answer this message)");
                return;
            }
            await ReadAsync(response);
        }

        public async Task PrintNewAsync()
        {
            using var request = Request(HttpMethod.Get, $"v3/directline/conversations/{ConversationId}/activities?watermark={Uri.EscapeDataString(_watermark)}", _token);
            var set = await ReadAsync(await http.SendAsync(request));
            _watermark = set["watermark"]?.GetValue<string>() ?? _watermark;
            foreach (var activity in set["activities"]!.AsArray())
            {
                if (activity?["from"]?["id"]?.GetValue<string>() == _userId) continue; // our own echo
                if (activity?["type"]?.GetValue<string>() != "message") continue;
                var text = activity["text"]?.GetValue<string>();
                if (!string.IsNullOrEmpty(text)) await stdout.WriteLineAsync($"bot> {text}");
                var attachments = activity["attachments"]?.AsArray().Count ?? 0;
                if (attachments > 0) await stdout.WriteLineAsync($"     ({attachments} card(s); open the web chat to see them)");
                var actions = activity["suggestedActions"]?["actions"]?.AsArray();
                if (actions is { Count: > 0 })
                {
                    _actions = actions.Select(a => (Title: a?["title"]?.GetValue<string>() ?? "", Value: ActionValue(a))).ToList();
                    await stdout.WriteLineAsync("     " + string.Join("  ", _actions.Select((a, i) => $"[{i + 1}] {a.Title}")));
                }
            }
        }

        /// <summary>"2" picks the second suggested action of the last reply; anything else is sent as typed.</summary>
        public string ResolveSuggestedAction(string line)
        {
            if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= _actions.Count)
                return _actions[n - 1].Value;
            return line;
        }

        private static string ActionValue(JsonNode? action) => action?["value"] is JsonValue value && value.TryGetValue<string>(out var s)
            ? s
            : action?["text"]?.GetValue<string>() ?? action?["title"]?.GetValue<string>() ?? "";

        private static HttpRequestMessage Request(HttpMethod method, string path, string bearer)
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            return request;
        }

        private static async Task<JsonNode> ReadAsync(HttpResponseMessage response)
        {
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    var message = TryParse(body)?["error"]?["message"]?.GetValue<string>() ?? TryParse(body)?["detail"]?.GetValue<string>() ?? body;
                    throw new ChatException($"HTTP {(int)response.StatusCode}: {message}");
                }
                return JsonNode.Parse(body) ?? throw new ChatException("empty response");
            }
        }

        private static JsonNode? TryParse(string body)
        {
            try { return JsonNode.Parse(body); }
            catch (JsonException) { return null; }
        }
    }
}
