"""The official Python MCP client against `stackq mcp --sandbox` over stdio: initialize, list the tools, run a
query, read its rows. `.ci/run` runs it; the product never needs Python.

    python3 Tests/clients/mcp_check.py PATH/TO/stackq
"""
import asyncio
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

QUERY = ("SELECT name, state FROM google.dataproc.sessions "
         "WHERE projectsId = 'demo' AND locationsId = 'us-central1'")


def field(value, snake: str, camel: str):
    """A result's field under the client's naming: mcp 2 says is_error, mcp 1 isError."""
    return getattr(value, snake) if hasattr(value, snake) else getattr(value, camel)


async def check(binary: str) -> None:
    server = StdioServerParameters(command=binary, args=["mcp", "--sandbox"])
    async with stdio_client(server) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            info = field(init, "server_info", "serverInfo")
            assert info.name == "stackq", info

            tools = {tool.name for tool in (await session.list_tools()).tools}
            for name in ("run_select_query", "validate_query", "describe_resource", "list_resources"):
                assert name in tools, f"{name} is not among the tools: {sorted(tools)}"
            assert "run_mutation_query" not in tools, "read_only (the default) offers no mutation tool"

            result = await session.call_tool("run_select_query", {"sql": QUERY})
            assert not field(result, "is_error", "isError"), result.content
            table = field(result, "structured_content", "structuredContent")
            assert [c["name"] for c in table["columns"]] == ["name", "state"], table["columns"]
            rows = table["rows"]
            assert len(rows) == 6 and all(r[0].startswith("projects/demo/locations/us-central1/sessions/") for r in rows), rows
            assert table["truncated"] is False

            refused = await session.call_tool("run_select_query", {
                "sql": "DELETE FROM google.dataproc.sessions WHERE projectsId = 'demo' "
                       "AND locationsId = 'us-central1' AND sessionsId = 'x'"})
            assert field(refused, "is_error", "isError"), "a DELETE sent to run_select_query must be refused"

    print(f"python mcp client: {len(rows)} rows from run_select_query; {len(tools)} tools")


if __name__ == "__main__":
    asyncio.run(check(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/stackq"))
