# Runs "$@" and kills it when this script's stdin reaches EOF, i.e. when the JVM that started it is gone,
# even if that JVM was SIGKILLed and never ran its shutdown hooks.
# $1 is a file that receives the child's pid; the command follows.
pidfile=$1
shift
exec 3<&0 0</dev/null
"$@" 3<&- &
child=$!
echo "$child" > "$pidfile"
(
  cat <&3 >/dev/null
  kill -TERM "$child" 2>/dev/null || exit 0
  for _ in $(seq 150); do
    kill -0 "$child" 2>/dev/null || exit 0
    sleep 0.1
  done
  kill -KILL "$child" 2>/dev/null
) &
exec 3<&-
trap 'kill -TERM "$child" 2>/dev/null' TERM INT
while true; do
  wait "$child"
  status=$?
  kill -0 "$child" 2>/dev/null || break
done
exit "$status"
