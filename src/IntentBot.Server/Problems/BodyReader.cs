using System.Buffers;

namespace IntentBot.Server.Problems;

/// <summary>Reads a request body into memory with a hard size cap, whatever the server's own limits are.</summary>
public static class BodyReader
{
    public static async Task<(byte[] Body, bool TooLarge)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) return ([], true);
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var n ? (int)n : 4096);
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0) break;
            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes) return ([], true);
        }
        return (buffer.WrittenSpan.ToArray(), false);
    }
}
