"""The faulted run: submissions and officer actions while the functions' DynamoDB and S3 calls
fail at random (seeded), each client retrying; afterwards every dossier must be whole and
nothing applied twice.

    .venv/bin/python -m scripts.faults --submissions 1000 --actions 1000 --rate 0.12 --seed 20261202
    make faults                                  # the same; FAULTS_ARGS="--submissions 300 --actions 300"
    .venv/bin/python -m scripts.faults --last    # the last run's section again, without running

- hook.py: the faults (a botocore event hook on the functions' own clients);
- inprocess.py: the two Lambda entry points called in this process as API Gateway calls them;
- clients.py: citizens and a receptionist, each retrying as the site's scripts do, and the tally;
- consistency.py: the check of the table and the bucket after the run, made again after the
  retention job's sweep (run as of two days later) of the copies no dossier names;
- run.py: one run; report.py: its counts and the "Faults" section of docs/benchmarks.md.

`python -m scripts.faults` runs on moto in this process (the resources built from template.yaml);
tests/api/test_retries_and_faults.py runs a small one on the API tests' moto. Moto's time and
memory per operation barely grow with the table (infra/local/moto_fixes.py): 1,000 + 1,000 takes minutes.
"""
