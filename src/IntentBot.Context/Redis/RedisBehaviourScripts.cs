namespace IntentBot.Context.Redis;

/// <summary>
/// The behaviour store's Lua scripts. Every key they touch carries the user's hash tag, so each runs
/// in one Cluster slot and is atomic: an event (with its dedup mark, stream entry, user and session
/// aggregates) is written whole or not at all. What an event changes is decided in C#
/// (<see cref="Behaviour.AggregateUpdate"/>) and passed in as small operations, which the embedded
/// store applies in the same way.
/// </summary>
internal static class RedisBehaviourScripts
{
    /// <summary>
    /// KEYS: [1] user aggregates, [2] seen ids, [3] sessions, [4] event stream, [5..8] user recent lists
    /// p, c, i, v; then per item four keys: session aggregates, session recent p, c, v.
    /// ARGV: [1] now ms, [2] seen-id cutoff ms, [3] seen-id cap, [4] user TTL ms, [5] session TTL ms,
    /// [6] stream cap, [7..9] caps of lists p (and v), c, i, [10] session cutoff ms, [11] item count; then per item:
    /// event id ('' for a chat turn, never deduplicated), session id, stream field count F, F strings
    /// (name, value, ...), update count U, U triples (op, field, value).
    /// Returns one 1 (applied) or 0 (duplicate) per item.
    /// </summary>
    public const string Apply = """
        local now = ARGV[1]
        local userTtl, sessionTtl = ARGV[4], ARGV[5]
        local caps = { p = tonumber(ARGV[7]), c = tonumber(ARGV[8]), i = tonumber(ARGV[9]), v = tonumber(ARGV[7]) }
        local userLists = { p = KEYS[5], c = KEYS[6], i = KEYS[7], v = KEYS[8] }
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[10])

        local function incr(h, f, v, floor)
          local r = redis.call('HINCRBY', h, f, v)
          if floor and r < 0 then redis.call('HSET', h, f, '0') end
        end
        local function extreme(h, f, v, larger)
          local cur = redis.call('HGET', h, f)
          if not cur then redis.call('HSET', h, f, v) return end
          local c, n = tonumber(cur), tonumber(v)
          if (larger and n > c) or ((not larger) and n < c) then redis.call('HSET', h, f, v) end
        end
        local function recent(list, v, cap)
          redis.call('LREM', list, 0, v)
          redis.call('LPUSH', list, v)
          redis.call('LTRIM', list, 0, cap - 1)
        end

        local results = {}
        local a = 12
        for n = 1, tonumber(ARGV[11]) do
          local id, session = ARGV[a], ARGV[a + 1]
          local nfields = tonumber(ARGV[a + 2])
          local fields = a + 3
          local nops = tonumber(ARGV[fields + nfields])
          local ops = fields + nfields + 1
          a = ops + 3 * nops
          local sk = 9 + 4 * (n - 1)
          local fresh = 1
          if id ~= '' then
            if redis.call('ZSCORE', KEYS[2], id) then fresh = 0 else redis.call('ZADD', KEYS[2], now, id) end
          end
          if fresh == 1 then
            local hashes = { KEYS[1], KEYS[sk] }
            local sessionLists = { p = KEYS[sk + 1], c = KEYS[sk + 2], v = KEYS[sk + 3] }
            for o = ops, ops + 3 * nops - 1, 3 do
              local op, f, v = ARGV[o], ARGV[o + 1], ARGV[o + 2]
              if op == 'I' or op == 'F' then
                for _, h in ipairs(hashes) do incr(h, f, v, op == 'F') end
              elseif op == 'M' or op == 'm' then
                for _, h in ipairs(hashes) do extreme(h, f, v, op == 'M') end
              elseif op == 'S' then
                for _, h in ipairs(hashes) do redis.call('HSET', h, f, v) end
              elseif op == 'L' then
                redis.call('HSET', KEYS[1], f, v)
              elseif op == 'N' then
                redis.call('HSETNX', KEYS[1], f, v)
              elseif op == 'P' then
                recent(userLists[f], v, caps[f])
                if sessionLists[f] then recent(sessionLists[f], v, caps[f]) end
              else
                return redis.error_reply('unknown aggregate update ' .. op)
              end
            end
            if nfields > 0 then
              redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[6], '*', unpack(ARGV, fields, fields + nfields - 1))
            end
            redis.call('ZADD', KEYS[3], now, session)
            for k = sk, sk + 3 do redis.call('PEXPIRE', KEYS[k], sessionTtl) end
          end
          results[n] = fresh
        end

        local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[3])
        if excess > 0 then redis.call('ZREMRANGEBYRANK', KEYS[2], 0, excess - 1) end
        for k = 1, 8 do redis.call('PEXPIRE', KEYS[k], userTtl) end
        return results
        """;

    /// <summary>
    /// KEYS: user aggregates, recent p, c, i, v, event stream. ARGV: session aggregates key prefix,
    /// session recent p, c, v prefixes, requested session ('' for the current one), events to return,
    /// chat turns to return. The session keys are built here from the user's
    /// prefixes (same hash tag, same slot) because which session is current is only known inside.
    /// Returns {} for an unknown user, else {user fields, p, c, i, v, events, session id, session fields, session p, c, v}.
    /// </summary>
    public const string Read = """
        local user = redis.call('HGETALL', KEYS[1])
        if #user == 0 then return {} end
        local session = ARGV[5]
        if session == '' then session = redis.call('HGET', KEYS[1], 'sess') or '' end
        local sh, sp, sc, sv = {}, {}, {}, {}
        if session ~= '' then
          sh = redis.call('HGETALL', ARGV[1] .. session)
          sp = redis.call('LRANGE', ARGV[2] .. session, 0, -1)
          sc = redis.call('LRANGE', ARGV[3] .. session, 0, -1)
          sv = redis.call('LRANGE', ARGV[4] .. session, 0, -1)
        end
        return { user, redis.call('LRANGE', KEYS[2], 0, -1), redis.call('LRANGE', KEYS[3], 0, -1),
          redis.call('LRANGE', KEYS[4], 0, tonumber(ARGV[7]) - 1), redis.call('LRANGE', KEYS[5], 0, -1),
          redis.call('XREVRANGE', KEYS[6], '+', '-', 'COUNT', ARGV[6]), session, sh, sp, sc, sv }
        """;

    /// <summary>
    /// KEYS: user aggregates, seen ids, sessions, event stream, recent p, c, i, v. ARGV: the four session
    /// key prefixes. Deletes every session's keys (found through the sessions set), then the user's.
    /// </summary>
    public const string Erase = """
        local sessions = redis.call('ZRANGE', KEYS[3], 0, -1)
        for _, s in ipairs(sessions) do redis.call('DEL', ARGV[1] .. s, ARGV[2] .. s, ARGV[3] .. s, ARGV[4] .. s) end
        redis.call('DEL', unpack(KEYS))
        return #sessions
        """;
}
