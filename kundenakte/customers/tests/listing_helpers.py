"""Reading the customer list in tests: which names it shows, which letters are live."""

URL = "/customers/"


def names(response) -> list[str]:
    assert response.status_code == 200
    return [row["short_name"] for row in response.context["customers"]]


def listed(client, **params) -> list[str]:
    return names(client.get(URL, params))


def letter_links(response) -> dict[str, bool]:
    return {entry["letter"]: entry["url"] is not None for entry in response.context["letters"]}
