package io.github.distlock.it.apps

import io.github.distlock.DistributedLock
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.Executors
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.Job
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch

/**
 * Locked Kotlin suspend functions, each started in its own coroutine on command from standard input:
 * `start`, `keep` (1 s ttl under keepAlive), `tail` (a function whose only suspension is a tail call), `count`
 * (returns an Int) and `nested` (a function that calls itself with another key) start call N, which suspends
 * until `complete N`, `fail N` or `cancel N`; `exit` ends the JVM.
 *
 * Call N reports `RESULT call.N=ran` when its body runs, whether it holds the lock before and after its first
 * suspension (`call.N.lockedAtStart`, `call.N.lockedAfterResume`), `call.N.waiting` once it waits for its command,
 * and, when the call returns to its coroutine, the thread it resumed on (`call.N.resumedOn=dispatcher` for the
 * coroutine's own dispatcher) and `call.N.end=returned <value>|failed <exception>`.
 */
object SuspendJobApp {

  const val KEY = "suspend:job"
  const val KEEP_KEY = "suspend:keep"
  const val TAIL_KEY = "suspend:tail"
  const val COUNT_KEY = "suspend:count"

  // One named thread: a call's caller must resume there, whichever thread completed the call's work.
  private val scope = CoroutineScope(
    Executors.newSingleThreadExecutor { Thread(it, "job-caller").apply { isDaemon = true } }.asCoroutineDispatcher())
  private val gates = ConcurrentHashMap<Int, CompletableDeferred<Unit>>()
  private val jobs = ConcurrentHashMap<Int, Job>()

  @JvmStatic
  fun main(args: Array<String>) {
    var calls = 0
    while (true) {
      val command = (AppSupport.readCommand() ?: return).split(" ")
      when (command[0]) {
        "start", "keep", "tail", "count", "nested" -> {
          val n = ++calls
          val gate = CompletableDeferred<Unit>()
          gates[n] = gate
          jobs[n] = scope.launch {
            val outcome = runCatching { call(command[0], n, gate) }
            val thread = Thread.currentThread().name
            AppSupport.result("call.$n.resumedOn", if (thread == "job-caller") "dispatcher" else thread)
            AppSupport.result("call.$n.end", outcome.fold({ "returned $it" }, { "failed ${it.javaClass.name}" }))
          }
        }
        "complete" -> gates.getValue(command[1].toInt()).complete(Unit)
        "fail" -> gates.getValue(command[1].toInt()).completeExceptionally(IllegalStateException("the job failed"))
        "cancel" -> jobs.getValue(command[1].toInt()).cancel()
        "exit" -> return
        else -> throw IllegalArgumentException("unknown command: ${command[0]}")
      }
    }
  }

  private suspend fun call(kind: String, n: Int, gate: CompletableDeferred<Unit>): Any =
    when (kind) {
      "start" -> job(n, gate)
      "keep" -> keepJob(n, gate)
      "tail" -> tailJob(n, gate)
      "nested" -> sync("all", n, gate)
      else -> countJob(n, gate)
    }

  @DistributedLock(key = KEY, ttl = "60s")
  suspend fun job(n: Int, gate: CompletableDeferred<Unit>) {
    body(n, gate)
  }

  @DistributedLock(key = KEEP_KEY, ttl = "1s", keepAlive = true)
  suspend fun keepJob(n: Int, gate: CompletableDeferred<Unit>) {
    body(n, gate)
  }

  /** Its only suspension is its last call: compiled without a state machine of its own. */
  @DistributedLock(key = TAIL_KEY, ttl = "60s")
  suspend fun tailJob(n: Int, gate: CompletableDeferred<Unit>) {
    AppSupport.result("call.$n", "ran")
    AppSupport.result("call.$n.waiting", true)
    return gate.await()
  }

  /** Syncing "all" syncs each tenant, a call of itself with another key: that call takes its own lock. */
  @DistributedLock(key = "suspend:sync:{0}", ttl = "60s")
  suspend fun sync(tenant: String, n: Int, gate: CompletableDeferred<Unit>) {
    delay(10)
    if (tenant == "all") {
      sync("acme", n, gate)
    } else {
      AppSupport.result("call.$n", "ran")
      AppSupport.result("call.$n.waiting", true)
      gate.await()
    }
  }

  @DistributedLock(key = COUNT_KEY, ttl = "60s")
  suspend fun countJob(n: Int, gate: CompletableDeferred<Unit>): Int {
    body(n, gate)
    return 42
  }

  // Inline: its code runs in the locked function's own frame, which each resumption calls again.
  private suspend inline fun body(n: Int, gate: CompletableDeferred<Unit>) {
    AppSupport.result("call.$n", "ran")
    AppSupport.result("call.$n.lockedAtStart", AppSupport.holdsLock())
    delay(20)
    AppSupport.result("call.$n.lockedAfterResume", AppSupport.holdsLock())
    AppSupport.result("call.$n.waiting", true)
    gate.await()
  }
}
