namespace IntentBot.Context.Redis;

/// <summary>
/// Lua scripts run atomically inside Redis. Each hash holds a version <c>v</c> and the document <c>d</c>;
/// the save checks both versions before writing anything, so a conflicting turn changes nothing.
/// </summary>
internal static class RedisScripts
{
    /// <summary>
    /// KEYS: conversation, profile, conversation index. ARGV: expected conversation version, conversation
    /// document, conversation TTL ms, "1" to save the profile, expected profile version, profile document,
    /// profile TTL ms, conversation id, index TTL ms. Returns {saved, conversation version, profile version, conflict}.
    /// </summary>
    public const string SaveTurn = """
        local cv = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
        local pv = tonumber(redis.call('HGET', KEYS[2], 'v') or '0')
        if cv ~= tonumber(ARGV[1]) then return {0, cv, pv, 'conversation'} end
        if ARGV[4] == '1' and pv ~= tonumber(ARGV[5]) then return {0, cv, pv, 'profile'} end
        cv = cv + 1
        redis.call('HSET', KEYS[1], 'v', cv, 'd', ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        redis.call('SADD', KEYS[3], ARGV[8])
        redis.call('PEXPIRE', KEYS[3], ARGV[9])
        if ARGV[4] == '1' then
          pv = pv + 1
          redis.call('HSET', KEYS[2], 'v', pv, 'd', ARGV[6])
          redis.call('PEXPIRE', KEYS[2], ARGV[7])
        end
        return {1, cv, pv, ''}
        """;

    /// <summary>
    /// KEYS: conversation index, profile. ARGV: the user's conversation key prefix. The conversation keys
    /// are built from the index inside the script; they share the user's hash tag, hence the slot.
    /// </summary>
    public const string DeleteUser = """
        local ids = redis.call('SMEMBERS', KEYS[1])
        for _, id in ipairs(ids) do redis.call('DEL', ARGV[1] .. id) end
        redis.call('DEL', KEYS[1], KEYS[2])
        return #ids
        """;
}
