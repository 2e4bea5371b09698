// The JavaScript API (npm "dolphindb") against a controller's HTTP port: connect over WebSocket (plain login), then the
// deployment guide's getActiveMaster() and a DFS call, which a controller refuses. Prints one JSON line with what it
// saw; the Java test checks it. Usage: node controller.mjs ws://host:port
// Node 20 lacks Promise.withResolvers, which the current package uses; the import comes after the stand-in.
Promise.withResolvers ??= function () {
    let resolve, reject
    const promise = new Promise((res, rej) => { resolve = res; reject = rej })
    return { promise, resolve, reject }
}
const { DDB } = await import('dolphindb')

const ddb = new DDB(process.argv[2], { autologin: true, username: 'admin', password: '123456' })
await ddb.connect()
const seen = {}
seen.master = await ddb.execute('getActiveMaster()')
seen.node = await ddb.execute('getNodeAlias()')
seen.sum = await ddb.execute('sum(1..10)')
try {
    await ddb.execute('existsDatabase("dfs://js")')
} catch (error) {
    seen.error = error.message
}
seen.afterError = await ddb.execute('getNodeAlias()')
console.log(JSON.stringify(seen, (key, value) => typeof value === 'bigint' ? Number(value) : value))
ddb.disconnect()
