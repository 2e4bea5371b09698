// The JavaScript API (npm "dolphindb") against a node: connect over WebSocket (plain login), a query, an upload and an
// insert. Prints one JSON line with what it saw; the Java test checks it. Usage: node api.mjs ws://host:port
// Node 20 lacks Promise.withResolvers, which the current package uses; the import comes after the stand-in.
Promise.withResolvers ??= function () {
    let resolve, reject
    const promise = new Promise((res, rej) => { resolve = res; reject = rej })
    return { promise, resolve, reject }
}
const { DDB, DdbVectorInt, DdbVectorSymbol, DdbVectorDouble } = await import('dolphindb')

const ddb = new DDB(process.argv[2], { autologin: true, username: 'admin', password: '123456' })
await ddb.connect()
const seen = {}
seen.master = await ddb.execute('getActiveMaster()')
seen.sum = await ddb.execute('sum(1..10)')
await ddb.eval('db = database("dfs://js", VALUE, 1 2 3)\n' +
    't = table(1:0, `k`sym`price, [INT, SYMBOL, DOUBLE])\n' +
    'db.createPartitionedTable(t, `prices, `k)')
await ddb.upload(['ks', 'syms', 'ps'], [new DdbVectorInt([1, 2, 2]), new DdbVectorSymbol(['a', 'b', 'c']), new DdbVectorDouble([1.5, 2.5, 3.5])])
seen.inserted = await ddb.execute('tableInsert(loadTable("dfs://js", "prices"), ks, syms, ps)')
const grouped = await ddb.eval('select count(*) as n, sum(price) as total from loadTable("dfs://js", "prices") group by k')
seen.k = grouped.value[0].data()
seen.n = grouped.value[1].data()
seen.total = grouped.value[2].data()
try {
    await ddb.execute('update t set k = 1')
} catch (error) {
    seen.error = error.message
}
console.log(JSON.stringify(seen, (key, value) => typeof value === 'bigint' ? Number(value) : value))
ddb.disconnect()
