// The mysql image's client against its server: the single-instance stateful application page's
// client step, the client's errors, a small SQL subset, and data that outlives the Pod on a claim.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachedTerminal } from '../support/attached-terminal';
import { labShell } from '../support/lab-shell';

const examples = join(__dirname, '../../examples/kubernetes.io/application/mysql');

/** The page's MySQL: mysql:5.6 behind the headless Service `mysql`, on a claim. */
function pageMysql(run: (line: string) => string): void {
  for (const file of ['mysql-pv.yaml', 'mysql-deployment.yaml']) run(`kubectl apply -f - <<'EOF'\n${readFileSync(join(examples, file), 'utf8')}EOF`);
}

const warning56 = 'Warning: Using a password on the command line interface can be insecure.\n';
const warning8 = 'mysql: [Warning] Using a password on the command line interface can be insecure.\n';

describe('the mysql client', () => {
  it("connects from a client Pod through the Service and shows its prompt, as the page's kubectl run -it does", () => {
    const t = attachedTerminal();
    pageMysql(t.run);
    t.session.clock.advanceBy(60_000);
    t.start('kubectl run -it --rm --image=mysql:5.6 --restart=Never mysql-client -- mysql -h mysql -ppassword');
    expect(t.current().readsInput).toBe(true);
    // The banner was printed before kubectl attached; Enter shows a fresh prompt.
    expect(t.output()).toBe("If you don't see a command prompt, try pressing enter.\n");
    t.type('\n');
    expect(t.output()).toBe("If you don't see a command prompt, try pressing enter.\nmysql> ");
    t.type('SHOW DATABASES;\n');
    expect(t.output()).toContain(
      'mysql> +--------------------+\n| Database           |\n+--------------------+\n| information_schema |\n| mysql              |\n| performance_schema |\n+--------------------+\n3 rows in set (0.00 sec)\n\nmysql> ',
    );
    t.type('CREATE DATABASE test;\n');
    t.type('USE test\n');
    t.type('CREATE TABLE messages (message VARCHAR(250),\n');
    t.type('  id INT);\n');
    t.type("INSERT INTO messages VALUES ('hello', 1), ('world', 22);\n");
    t.type('SELECT * FROM messages;\n');
    t.type('SELECT * FROM nothing;\n');
    expect(t.output()).toContain(
      'mysql> Query OK, 1 row affected (0.01 sec)\n\n' +
        'mysql> Database changed\n' +
        'mysql>     -> Query OK, 0 rows affected (0.01 sec)\n\n' +
        'mysql> Query OK, 2 rows affected (0.01 sec)\nRecords: 2  Duplicates: 0  Warnings: 0\n\n' +
        'mysql> +---------+------+\n| message | id   |\n+---------+------+\n| hello   |    1 |\n| world   |   22 |\n+---------+------+\n2 rows in set (0.00 sec)\n\n' +
        "mysql> ERROR 1146 (42S02): Table 'test.nothing' doesn't exist\nmysql> ",
    );
    t.type('exit\n');
    t.finish();
    expect(t.output()).toMatch(/mysql> Bye\npod "mysql-client" deleted\n$/);
  });

  it('drops a half-typed statement at Ctrl-C and asks again, as mysql 8 does', () => {
    const t = attachedTerminal();
    t.run('kubectl run db --image=mysql:8.0 --env=MYSQL_ROOT_PASSWORD=pw --port=3306 --expose');
    t.session.clock.advanceBy(30_000);
    t.start('kubectl run -it --rm --image=mysql:8.0 --restart=Never client -- mysql -h db -ppw');
    t.type('\n');
    t.type('SELECT\n');
    t.current().interrupt();
    t.session.runUntilIdle(() => t.current().done, 200);
    t.type('SELECT 1;\n');
    expect(t.output()).toBe("If you don't see a command prompt, try pressing enter.\nmysql>     -> ^C\nmysql> +---+\n| 1 |\n+---+\n| 1 |\n+---+\n1 row in set (0.00 sec)\n\nmysql> ");
    t.type('quit\n');
    t.finish();
    expect(t.output()).toMatch(/mysql> Bye\npod "client" deleted\n$/);
  });

  it('answers with the release its tag names', () => {
    const lab = labShell();
    lab.sh('kubectl run db --image=mysql:8.0 --env=MYSQL_ROOT_PASSWORD=secret');
    lab.wait(30);
    expect(lab.sh(`kubectl exec db -- mysql -psecret -e 'SELECT VERSION(), USER()'`)).toBe(`${warning8}VERSION()\tUSER()\n8.0.42\troot@localhost\n`);
  });

  it('reports a host it cannot resolve, a port nobody listens on and a wrong password as the client does', () => {
    const lab = labShell();
    pageMysql(lab.sh);
    lab.wait(60);
    expect(lab.sh('kubectl run a --rm -i --image=mysql:5.6 --restart=Never -- mysql -h no-such-db -ppassword')).toBe(
      `${warning56}ERROR 2005 (HY000): Unknown MySQL server host 'no-such-db' (-2)\npod "a" deleted\npod default/a terminated (Error)\n`,
    );
    expect(lab.sh('kubectl run b --rm -i --image=mysql:8.0 --restart=Never -- mysql -h mysql -P 3307 -ppassword')).toBe(
      `${warning8}ERROR 2003 (HY000): Can't connect to MySQL server on 'mysql:3307' (111)\npod "b" deleted\npod default/b terminated (Error)\n`,
    );
    expect(lab.sh('kubectl run c --rm -i --image=mysql:5.6 --restart=Never -- mysql -h mysql -pnot-it')).toMatch(
      /^Warning: Using a password on the command line interface can be insecure\.\nERROR 1045 \(28000\): Access denied for user 'root'@'10\.244\.\d+\.\d+' \(using password: YES\)\n/,
    );
    // In the server's own container, localhost is its socket.
    expect(lab.sh('kubectl exec deploy/mysql -- mysql -uroot -e status')).toBe("ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: NO)\ncommand terminated with exit code 1\n");
    expect(lab.sh('kubectl run d --rm -i --image=mysql:8.0 --restart=Never -- mysql -ppassword')).toContain(
      "ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)\n",
    );
  });

  it('prints tab-separated rows off a terminal and stops at the first error with its line', () => {
    const lab = labShell();
    lab.sh('kubectl run db --image=mysql:9.1 --env=MYSQL_ROOT_PASSWORD=pw --env=MYSQL_DATABASE=shop');
    lab.wait(30);
    const script = "CREATE TABLE items (name VARCHAR(20), price INT);\\nINSERT INTO items VALUES ('tea', 3), ('cake', NULL);\\nSELECT name, price FROM items WHERE price = 3;\\nSELECT nope FROM items;\\nSELECT 1;\\n";
    expect(lab.sh(`kubectl exec db -- sh -c 'printf "${script}" | mysql -ppw shop 2>&1'`)).toBe(
      `${warning8}name\tprice\ntea\t3\nERROR 1054 (42S22) at line 4: Unknown column 'nope' in 'field list'\ncommand terminated with exit code 1\n`,
    );
    expect(lab.sh(`kubectl exec db -- mysql -ppw -N -e 'SELECT * FROM shop.items' 2>/dev/null`)).toBe('tea\t3\ncake\tNULL\n');
    expect(lab.sh(`kubectl exec db -- mysql -ppw -e 'CREATE DATABASE shop'`)).toBe(
      warning8 + "ERROR 1007 (HY000) at line 1: Can't create database 'shop'; database exists\ncommand terminated with exit code 1\n",
    );
    expect(lab.sh(`kubectl exec db -- mysql -ppw -e 'SELEC 1'`)).toBe(
      warning8 + "ERROR 1064 (42000) at line 1: You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'SELEC 1' at line 1\ncommand terminated with exit code 1\n",
    );
  });

  it('gives MYSQL_USER its database only', () => {
    const lab = labShell();
    lab.sh('kubectl run db --image=mysql:8.0 --env=MYSQL_ROOT_PASSWORD=root --env=MYSQL_DATABASE=wordpress --env=MYSQL_USER=wordpress --env=MYSQL_PASSWORD=wp');
    lab.wait(30);
    expect(lab.sh(`kubectl exec db -- mysql -uwordpress -pwp -h 127.0.0.1 -e 'SHOW DATABASES' 2>/dev/null`)).toBe('Database\ninformation_schema\nperformance_schema\nwordpress\n');
    expect(lab.sh(`kubectl exec db -- mysql -uwordpress -pwp -h 127.0.0.1 -e 'CREATE DATABASE other'`)).toBe(
      warning8 + "ERROR 1044 (42000) at line 1: Access denied for user 'wordpress'@'%' to database 'other'\ncommand terminated with exit code 1\n",
    );
  });

  it('keeps its data in the data directory, so a replacement Pod on the same claim finds it', () => {
    const lab = labShell();
    lab.sh(`kubectl apply -f - <<'EOF'
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: db}
spec:
  selector: {matchLabels: {app: db}}
  strategy: {type: Recreate}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: mysql
        image: mysql:8.4
        env: [{name: MYSQL_ROOT_PASSWORD, value: pw}]
        volumeMounts: [{name: data, mountPath: /var/lib/mysql}]
      volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]
EOF`);
    lab.wait(40);
    lab.sh(`kubectl exec deploy/db -- mysql -ppw -e "CREATE DATABASE notes; CREATE TABLE notes.n (t TEXT); INSERT INTO notes.n VALUES ('kept')"`);
    lab.sh('kubectl delete pod -l app=db');
    lab.wait(40);
    expect(lab.sh(`kubectl exec deploy/db -- mysql -ppw -e 'SELECT t FROM notes.n' 2>/dev/null`)).toBe('t\nkept\n');
    // A second start finds the data directory initialized: the old password still holds.
    expect(lab.sh('kubectl logs deploy/db')).toContain("ready for connections. Version: '8.4.5'");
  });
});
