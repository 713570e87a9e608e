using System.Text;

namespace IntentBot.Context.Tests;

/// <summary>
/// Redis Cluster's key-to-slot rule (CRC16/XMODEM of the hash tag, or of the whole key, mod 16384),
/// written from the cluster specification so the key design can be checked without a cluster.
/// </summary>
internal static class ClusterSlot
{
    public static int Of(string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        var open = Array.IndexOf(bytes, (byte)'{');
        if (open >= 0)
        {
            var close = Array.IndexOf(bytes, (byte)'}', open + 1);
            if (close > open + 1) bytes = bytes[(open + 1)..close];
        }
        return Crc16(bytes) % 16384;
    }

    private static int Crc16(byte[] data)
    {
        var crc = 0;
        foreach (var b in data)
        {
            crc ^= b << 8;
            for (var i = 0; i < 8; i++) crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            crc &= 0xFFFF;
        }
        return crc;
    }
}
