from casework.domain.census.local_authorities import la_name, local_authorities
from casework.entrypoints.web.templating import council_name


def test_a_dfe_code_reads_as_its_authority_and_an_unknown_code_as_itself():
    assert la_name("301") == "Barking and Dagenham"
    assert la_name("873") == "Cambridgeshire"
    assert la_name("999") == "999"
    assert council_name("301") == "Barking and Dagenham (301)"
    assert council_name("southend-on-sea") == "Southend-on-Sea"


def test_the_list_has_every_current_english_authority_once_with_three_digit_codes():
    authorities = local_authorities()
    assert all(len(code) == 3 and code.isdigit() for code in authorities)
    current = [name for name, until in authorities.values() if not until]
    assert len(current) == len(set(current)) == 153
