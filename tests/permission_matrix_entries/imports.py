"""Who opens the import pages: the uploader, managers of the job's school and the county's administrator."""

from tests.rosters.files import STUDENT_HEADER, upload, xlsx

MANAGERS = {"bureau_admin", "principal", "academic_director", "central_principal"}
JOB_VIEWERS = {"bureau_admin", "principal", "academic_director"}  # a job of 第一初级中学 uploaded by its principal


def job_of_first_junior(cast):
    content = xlsx([STUDENT_HEADER, ["G001", "陈一", "男", "2013-05-01", "", "第一初级中学", "七年级", "1"]])
    return {"pk": upload(cast.user("principal"), "students", content, school=cast.junior1).pk}


ENTRIES: dict[str, dict] = {
    "imports:job_list": {"allowed": MANAGERS},
    "imports:upload": {"kwargs": lambda cast: {"kind": "students"}, "allowed": MANAGERS},
    "imports:job_detail": {"kwargs": job_of_first_junior, "allowed": JOB_VIEWERS},
    "imports:job_progress": {"kwargs": job_of_first_junior, "allowed": JOB_VIEWERS},
    "imports:job_errors": {"kwargs": job_of_first_junior, "allowed": JOB_VIEWERS},
    "imports:job_confirm": {"kwargs": job_of_first_junior, "allowed": JOB_VIEWERS, "method": "post", "ok": {302}},
}
