#!/usr/bin/env python3
"""Generates Slotted's command table from a running Redis 7 server's own metadata.

Usage:
    python3 scripts/generate-command-table.py [--host 127.0.0.1] [--port 7390] [--out path]
                                              [--names-out path] [--samples-out path]

It connects to the server over plain RESP2 (standard library only), reads

  * COMMAND       every command and subcommand: arity, flags, first/last/step, the command tips
                  (element 8: request_policy, response_policy, nondeterministic_output...) and
                  the key specifications (element 9);
  * COMMAND DOCS  the doc_flags (deprecated, syscmd) of every command and subcommand;
  * INFO server   the server version, recorded in the generated file's header;

and writes

  * --out        (default src/Slotted/Routing/CommandTable.Generated.cs) the C# table;
  * --names-out  (default tests/Slotted.Tests/Routing/server-commands.txt) every command name the
                 server knows, subcommands as "CONFIG|GET", one a line, which the unit tests
                 compare against the table;
  * --samples-out (default tests/Slotted.Tests/Routing/server-getkeys.jsonl) sample calls of every
                 command, built from the argument descriptions of COMMAND DOCS (once with the
                 required arguments only, once with every optional one), each with the key indexes
                 the server's own COMMAND GETKEYS reports, one JSON object a line: the unit tests
                 check the table's key extraction against them.

The default paths are inside this repository (found from the script's own location); paths given
on the command line are relative to the current directory. Start a disposable server first:
    redis-server --port 7390 --daemonize yes --save "" --pidfile /tmp/slotted-cmdtable.pid
Modules loaded into that server would end up in the table too: use a plain server.

Anything the server reports that the C# enums cannot express (a new command flag, key spec flag,
tip or spec type) stops the script with an error naming it, so the enums get extended on purpose
rather than the value being dropped.
"""

import argparse
import json
import os
import socket
import sys

# ---------------------------------------------------------------------------------------------
# A minimal RESP2 client.


class RespError(Exception):
    pass


class RespClient:
    def __init__(self, host, port, timeout=10.0):
        self._sock = socket.create_connection((host, port), timeout=timeout)
        self._reader = self._sock.makefile("rb")

    def close(self):
        self._reader.close()
        self._sock.close()

    def call(self, *args):
        out = [b"*%d\r\n" % len(args)]
        for arg in args:
            data = arg if isinstance(arg, bytes) else str(arg).encode("utf-8")
            out.append(b"$%d\r\n%s\r\n" % (len(data), data))
        self._sock.sendall(b"".join(out))
        reply = self._read()
        if isinstance(reply, RespError):
            raise reply
        return reply

    def _line(self):
        line = self._reader.readline()
        if not line.endswith(b"\r\n"):
            raise ConnectionError("connection closed mid-reply")
        return line[:-2]

    def _read(self):
        line = self._line()
        kind, rest = line[:1], line[1:]
        if kind == b"+":
            return rest.decode("utf-8")
        if kind == b"-":
            return RespError(rest.decode("utf-8"))
        if kind == b":":
            return int(rest)
        if kind == b"$":
            length = int(rest)
            if length < 0:
                return None
            data = self._reader.read(length + 2)
            if len(data) != length + 2:
                raise ConnectionError("connection closed mid-reply")
            return data[:-2].decode("utf-8")
        if kind == b"*":
            count = int(rest)
            if count < 0:
                return None
            return [self._read() for _ in range(count)]
        raise ConnectionError("unexpected RESP type byte %r" % kind)


def pairs(flat):
    """A RESP2 map arrives as a flat [k1, v1, k2, v2, ...] array."""
    return {flat[i]: flat[i + 1] for i in range(0, len(flat), 2)}


# ---------------------------------------------------------------------------------------------
# Names the server uses, mapped to the C# enum members.

COMMAND_FLAGS = {
    "write": "Write",
    "readonly": "ReadOnly",
    "denyoom": "DenyOom",
    "module": "Module",
    "admin": "Admin",
    "pubsub": "PubSub",
    "noscript": "NoScript",
    "blocking": "Blocking",
    "loading": "Loading",
    "stale": "Stale",
    "skip_monitor": "SkipMonitor",
    "skip_slowlog": "SkipSlowlog",
    "asking": "Asking",
    "fast": "Fast",
    "no_auth": "NoAuth",
    "may_replicate": "MayReplicate",
    "no_mandatory_keys": "NoMandatoryKeys",
    "no_async_loading": "NoAsyncLoading",
    "no_multi": "NoMulti",
    "movablekeys": "MovableKeys",
    "allow_busy": "AllowBusy",
}

KEY_SPEC_FLAGS = {
    "RO": "RO",
    "RW": "RW",
    "OW": "OW",
    "RM": "RM",
    "access": "Access",
    "update": "Update",
    "insert": "Insert",
    "delete": "Delete",
    "not_key": "NotKey",
    "incomplete": "Incomplete",
    "variable_flags": "VariableFlags",
}

REQUEST_POLICIES = {
    "all_nodes": "AllNodes",
    "all_shards": "AllShards",
    "multi_shard": "MultiShard",
    "special": "Special",
}

RESPONSE_POLICIES = {
    "one_succeeded": "OneSucceeded",
    "all_succeeded": "AllSucceeded",
    "agg_logical_and": "AggLogicalAnd",
    "agg_logical_or": "AggLogicalOr",
    "agg_min": "AggMin",
    "agg_max": "AggMax",
    "agg_sum": "AggSum",
    "special": "Special",
}

TIPS = {
    "nondeterministic_output": "NondeterministicOutput",
    "nondeterministic_output_order": "NondeterministicOutputOrder",
}

DOC_FLAGS = {
    "deprecated": "Deprecated",
    "syscmd": "SysCmd",
}


def fail(message):
    sys.exit("generate-command-table: " + message)


def enum_expr(alias, names, table, what, command):
    members = []
    for name in names:
        if name not in table:
            fail("%s: unknown %s '%s'; add it to the C# enum and to this script" % (command, what, name))
        members.append(alias + "." + table[name])
    return " | ".join(members) if members else alias + ".None"


# ---------------------------------------------------------------------------------------------
# Turning one command's metadata into C#.


def cs_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def key_spec_expr(spec, command):
    spec = pairs(spec)
    flags = enum_expr("K", spec.get("flags") or [], KEY_SPEC_FLAGS, "key spec flag", command)
    begin = pairs(spec["begin_search"])
    find = pairs(spec["find_keys"])
    begin_spec = pairs(begin.get("spec") or [])
    find_spec = pairs(find.get("spec") or [])

    if begin["type"] == "index":
        begin_args = ["B.Index", str(begin_spec["index"]), "null", "0"]
    elif begin["type"] == "keyword":
        begin_args = ["B.Keyword", "0", cs_string(begin_spec["keyword"]), str(begin_spec["startfrom"])]
    elif begin["type"] == "unknown":
        begin_args = ["B.Unknown", "0", "null", "0"]
    else:
        fail("%s: unknown begin_search type '%s'" % (command, begin["type"]))

    if find["type"] == "range":
        find_args = ["F.Range", str(find_spec["lastkey"]), str(find_spec["keystep"]), str(find_spec["limit"])]
        if find_spec["keystep"] < 1:
            fail("%s: range keystep %d" % (command, find_spec["keystep"]))
    elif find["type"] == "keynum":
        find_args = ["F.KeyNum", str(find_spec["keynumidx"]), str(find_spec["firstkey"]), str(find_spec["keystep"])]
        if find_spec["keystep"] < 1:
            fail("%s: keynum keystep %d" % (command, find_spec["keystep"]))
    elif find["type"] == "unknown":
        find_args = ["F.Unknown", "0", "0", "0"]
    else:
        fail("%s: unknown find_keys type '%s'" % (command, find["type"]))

    # Compact factory forms for the shapes Redis actually uses; the general constructor otherwise.
    if begin_args[0] == "B.Index" and find_args[0] == "F.Range":
        return "KeySpec.IndexRange(%s, %s, %s)" % (flags, begin_args[1], ", ".join(find_args[1:]))
    if begin_args[0] == "B.Index" and find_args[0] == "F.KeyNum":
        return "KeySpec.IndexKeyNum(%s, %s, %s)" % (flags, begin_args[1], ", ".join(find_args[1:]))
    if begin_args[0] == "B.Keyword" and find_args[0] == "F.Range":
        return "KeySpec.KeywordRange(%s, %s, %s)" % (flags, ", ".join(begin_args[2:]), ", ".join(find_args[1:]))
    if begin_args[0] == "B.Keyword" and find_args[0] == "F.KeyNum":
        return "KeySpec.KeywordKeyNum(%s, %s, %s)" % (flags, ", ".join(begin_args[2:]), ", ".join(find_args[1:]))
    if begin_args[0] == "B.Unknown" and find_args[0] == "F.Unknown":
        return "KeySpec.Unknown(%s)" % flags
    return "new KeySpec(%s, %s, %s)" % (flags, ", ".join(begin_args), ", ".join(find_args))


def tips_exprs(tips, command):
    request = "Rq.Default"
    response = "Rs.Default"
    other = []
    for tip in tips or []:
        if tip.startswith("request_policy:"):
            value = tip.split(":", 1)[1]
            if value not in REQUEST_POLICIES:
                fail("%s: unknown request_policy '%s'" % (command, value))
            request = "Rq." + REQUEST_POLICIES[value]
        elif tip.startswith("response_policy:"):
            value = tip.split(":", 1)[1]
            if value not in RESPONSE_POLICIES:
                fail("%s: unknown response_policy '%s'" % (command, value))
            response = "Rs." + RESPONSE_POLICIES[value]
        else:
            other.append(tip)
    return request, response, enum_expr("T", other, TIPS, "tip", command)


def command_expr(info, docs, indent):
    name = info[0].upper()
    doc = docs.get(info[0].lower(), {})
    request, response, tips = tips_exprs(info[7] if len(info) > 7 else [], name)
    flags = enum_expr("C", info[2], COMMAND_FLAGS, "command flag", name)
    doc_flags = enum_expr("D", doc.get("doc_flags") or [], DOC_FLAGS, "doc flag", name)
    specs = [key_spec_expr(s, name) for s in (info[8] if len(info) > 8 else [])]
    head = "new(%s, %d, %s, %d, %d, %d, %s, %s, %s, %s, [%s]" % (
        cs_string(name), info[1], flags, info[3], info[4], info[5],
        request, response, tips, doc_flags, ", ".join(specs))

    subcommands = sorted(info[9] if len(info) > 9 and info[9] else [], key=lambda s: s[0])
    if not subcommands:
        return [indent + head + "),"]
    sub_docs = {k.lower(): pairs(v) for k, v in pairs(doc.get("subcommands") or []).items()}
    lines = [indent + head + ", ["]
    for sub in subcommands:
        if "|" not in sub[0]:
            fail("%s: subcommand name '%s' has no '|'" % (name, sub[0]))
        lines.extend(command_expr(sub, sub_docs, indent + "    "))
    lines.append(indent + "]),")
    return lines


# ---------------------------------------------------------------------------------------------
# Sample calls, checked against the server's COMMAND GETKEYS.


class SampleBuilder:
    """Builds a syntactically plausible call from a command's COMMAND DOCS argument tree.

    Keys get unique names (key1, key2, ...) so the server's answer maps back to indexes. Optional
    arguments are left out or all put in; key arguments are always put in, and "multiple" ones
    twice, so that a numkeys argument (always 2) matches the keys that follow it.
    """

    def __init__(self, with_optional):
        self.with_optional = with_optional
        self.keys = 0

    def render(self, arg):
        arg = pairs(arg)
        flags = arg.get("flags") or []
        kind = arg["type"]
        if "optional" in flags and not self.with_optional and kind != "key":
            return []
        out = []
        for _ in range(2 if "multiple" in flags else 1):
            if arg.get("token") and kind != "pure-token":
                out.append(arg["token"])
            if kind == "key":
                self.keys += 1
                out.append("key%d" % self.keys)
            elif kind == "pure-token":
                out.append(arg["token"])
            elif kind == "integer":
                out.append("2" if "num" in arg["name"] else "1")
            elif kind == "double":
                out.append("1.5")
            elif kind == "unix-time":
                out.append("100")
            elif kind == "oneof":
                out.extend(self.render(arg["arguments"][0]) if arg.get("arguments") else [])
            elif kind == "block":
                for sub in arg.get("arguments") or []:
                    out.extend(self.render(sub))
            else:
                out.append("x")
        return out


def sample_calls(name, doc):
    calls = []
    for with_optional in (False, True):
        builder = SampleBuilder(with_optional)
        call = name.upper().split("|")
        for arg in doc.get("arguments") or []:
            call.extend(builder.render(arg))
        if call not in calls:
            calls.append(call)
    for sub_name, sub_doc in sorted(pairs(doc.get("subcommands") or []).items()):
        calls.extend(sample_calls(sub_name, pairs(sub_doc)))
    return calls


def getkeys_samples(client, docs):
    """Each sample call with the server's key indexes; calls the server finds keyless have []."""
    samples = []
    for name in sorted(docs):
        for call in sample_calls(name, docs[name]):
            try:
                keys = client.call("COMMAND", "GETKEYS", *call)
            except RespError as e:
                if "no key arguments" in str(e):
                    samples.append((call, []))
                continue  # a call COMMAND GETKEYS itself cannot take (PING, a bare container)
            indexes = []
            for key in keys:
                indexes.append(next(i for i, a in enumerate(call) if a == key and i not in indexes))
            samples.append((call, indexes))
    return samples


# ---------------------------------------------------------------------------------------------


HEADER = """\
// <auto-generated>
// Generated by scripts/generate-command-table.py from Redis {version} ({count} commands,
// {subcount} subcommands: COMMAND and COMMAND DOCS). Do not edit: run the script against a plain
// server of the wanted version instead.
// </auto-generated>

using B = Slotted.Routing.BeginSearchKind;
using C = Slotted.Routing.CommandFlags;
using D = Slotted.Routing.CommandDocFlags;
using F = Slotted.Routing.FindKeysKind;
using K = Slotted.Routing.KeySpecFlags;
using Rq = Slotted.Routing.RequestPolicy;
using Rs = Slotted.Routing.ResponsePolicy;
using T = Slotted.Routing.CommandTips;

namespace Slotted.Routing;

internal static partial class CommandTable
{{
    /// <summary>The server version the table was generated from.</summary>
    internal const string GeneratedFrom = "{version}";

    // new(name, arity, flags, first, last, step, request policy, response policy, tips, doc flags,
    //     key specs[, subcommands])
    private static CommandInfo[] CreateCommands() =>
    [
"""

FOOTER = """\
    ];
}
"""


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description="Generate Slotted's command table from a Redis 7 server.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7390)
    parser.add_argument("--out", default=os.path.join(root, "src/Slotted/Routing/CommandTable.Generated.cs"))
    parser.add_argument("--names-out", default=os.path.join(root, "tests/Slotted.Tests/Routing/server-commands.txt"))
    parser.add_argument("--samples-out", default=os.path.join(root, "tests/Slotted.Tests/Routing/server-getkeys.jsonl"))
    args = parser.parse_args()

    client = RespClient(args.host, args.port)
    try:
        server_info = client.call("INFO", "server")
        infos = client.call("COMMAND")
        docs_flat = client.call("COMMAND", "DOCS")
        docs = {k.lower(): pairs(v) for k, v in pairs(docs_flat).items()}
        samples = getkeys_samples(client, docs)
    finally:
        client.close()

    version = "unknown"
    for line in server_info.splitlines():
        if line.startswith("redis_version:"):
            version = line.split(":", 1)[1].strip()
    if any(len(info) < 10 for info in infos):
        fail("COMMAND replies lack tips/key specs/subcommands: Redis %s is older than 7.0" % version)

    infos.sort(key=lambda info: info[0])

    names = []
    subcount = 0
    for info in infos:
        names.append(info[0].upper())
        for sub in info[9] or []:
            names.append(sub[0].upper())
            subcount += 1
            if sub[9]:
                fail("%s: nested subcommands are not supported" % sub[0])

    body = []
    for info in infos:
        body.extend(command_expr(info, docs, "        "))

    text = HEADER.format(version=version, count=len(infos), subcount=subcount) + "\n".join(body) + "\n" + FOOTER
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    with open(args.names_out, "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(n + "\n" for n in sorted(names)))
    print("wrote %s: %d commands, %d subcommands (Redis %s)" % (args.out, len(infos), subcount, version))
    print("wrote %s: %d names" % (args.names_out, len(names)))
    with open(args.samples_out, "w", encoding="utf-8", newline="\n") as f:
        for call, indexes in samples:
            f.write(json.dumps({"call": call, "keys": indexes}) + "\n")
    print("wrote %s: %d sample calls" % (args.samples_out, len(samples)))


if __name__ == "__main__":
    main()
